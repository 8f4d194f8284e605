/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 page size and the kernel's virtual layout (see <mmulab/boot.h>):
 *   PAGE_OFFSET        0xffff888000000000  direct map of all physical memory
 *   VMALLOC_START      0xffffc90000000000  a small vmalloc area (4 MiB, mapped
 *                                          with 4 KiB pages at run time)
 *   VMEMMAP_START      0xffffea0000000000  struct page array (vmemmap + pfn)
 *   __START_KERNEL_map 0xffffffff80000000  kernel image: VA = PA + this
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <linux/const.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

#define PAGE_OFFSET		_AC(0xffff888000000000, UL)
#define VMALLOC_START		_AC(0xffffc90000000000, UL)
#define VMALLOC_SIZE		_AC(0x400000, UL)
#define VMALLOC_END		(VMALLOC_START + VMALLOC_SIZE)
#define VMEMMAP_START		_AC(0xffffea0000000000, UL)
#define TASK_SIZE_MAX		_AC(0x00007ffffffff000, UL)	/* end of the user half */
#define __START_KERNEL_map	_AC(0xffffffff80000000, UL)
#define KIMAGE_OFFSET		__START_KERNEL_map	/* kernel image VA - PA */

#ifndef __ASSEMBLER__
#include <linux/types.h>

/* physical address of a direct-map or kernel-image address */
static inline phys_addr_t __phys_addr(unsigned long x)
{
	if (x >= __START_KERNEL_map)
		return x - __START_KERNEL_map;
	return x - PAGE_OFFSET;
}

#define __pa(x)			__phys_addr((unsigned long)(x))
#define __pa_symbol(x)		((phys_addr_t)((unsigned long)(x) - __START_KERNEL_map))
#define __va(x)			((void *)((unsigned long)(x) + PAGE_OFFSET))
#define virt_to_phys(x)		__pa(x)
#define phys_to_virt(x)		__va(x)

#include <linux/pfn.h>

#define pfn_to_kaddr(pfn)	__va(PFN_PHYS(pfn))
#define virt_to_pfn(x)		PHYS_PFN(__pa(x))
#endif

#endif /* _ASM_X86_PAGE_H */
