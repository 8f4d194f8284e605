/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 kernel virtual layout (48-bit VA, TTBR1 covers the top 256 TiB;
 * see <mmulab/boot.h>):
 *   PAGE_OFFSET    0xffff000000000000  direct map of all physical memory
 *   KIMAGE_VADDR   0xffff800000000000  kernel image: VA = PA + KIMAGE_VADDR
 *   VMALLOC_START  0xffff808000000000  a small vmalloc area (4 MiB, mapped with
 *                                      4 KiB pages at run time)
 *   VMEMMAP_START  0xfffffc0000000000  struct page array (vmemmap + pfn)
 */
#ifndef _ASM_ARM64_MEMORY_H
#define _ASM_ARM64_MEMORY_H

#include <linux/const.h>

#define VA_BITS			48
#define PAGE_OFFSET		_AC(0xffff000000000000, UL)
#define KIMAGE_VADDR		_AC(0xffff800000000000, UL)
#define VMALLOC_START		_AC(0xffff808000000000, UL)
#define VMALLOC_SIZE		_AC(0x400000, UL)
#define VMALLOC_END		(VMALLOC_START + VMALLOC_SIZE)
#define VMEMMAP_START		_AC(0xfffffc0000000000, UL)
#define TASK_SIZE		(_AC(1, UL) << VA_BITS)	/* end of the user half (TTBR0) */
#define TASK_SIZE_MAX		TASK_SIZE
#define KIMAGE_OFFSET		KIMAGE_VADDR	/* kernel image VA - PA */

/* MAIR_EL1 attribute indices */
#define MT_NORMAL		0	/* normal memory, inner/outer write-back */
#define MT_DEVICE_nGnRE		1

#define MAIR_ATTR_NORMAL	0xff
#define MAIR_ATTR_DEVICE_nGnRE	0x04
#define MAIR_ATTRIDX(attr, idx)	((attr) << ((idx) * 8))

#ifndef __ASSEMBLER__
#include <linux/types.h>

static inline phys_addr_t __virt_to_phys(unsigned long x)
{
	if (x >= KIMAGE_VADDR)
		return x - KIMAGE_VADDR;
	return x - PAGE_OFFSET;
}

#define __pa(x)			__virt_to_phys((unsigned long)(x))
#define __pa_symbol(x)		((phys_addr_t)((unsigned long)(x) - KIMAGE_VADDR))
#define __va(x)			((void *)((unsigned long)(x) + PAGE_OFFSET))
#define virt_to_phys(x)		__pa(x)
#define phys_to_virt(x)		__va(x)
#endif

#endif /* _ASM_ARM64_MEMORY_H */
