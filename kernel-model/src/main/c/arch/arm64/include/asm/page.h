/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_PAGE_H
#define _ASM_ARM64_PAGE_H

#include <linux/const.h>
#include <asm/memory.h>

#define PAGE_SHIFT		12	/* 4 KiB granule */
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

#ifndef __ASSEMBLER__
#include <linux/pfn.h>

#define pfn_to_kaddr(pfn)	__va(PFN_PHYS(pfn))
#define virt_to_pfn(x)		PHYS_PFN(__pa(x))
#endif

#endif /* _ASM_ARM64_PAGE_H */
