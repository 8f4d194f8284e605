/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 4-level paging (PML4 = pgd, PDPT = pud, PD = pmd, PT = pte), 4 KiB
 * pages, 2 MiB (PSE in a pmd) and 1 GiB (PSE in a pud) leaves.
 */
#ifndef _ASM_X86_PGTABLE_TYPES_H
#define _ASM_X86_PGTABLE_TYPES_H

#include <linux/const.h>
#include <asm/page.h>
#include <asm-generic/pgtable-types.h>	/* types, level geometry */

#define _PAGE_BIT_PRESENT	0
#define _PAGE_BIT_RW		1
#define _PAGE_BIT_USER		2
#define _PAGE_BIT_PWT		3
#define _PAGE_BIT_PCD		4
#define _PAGE_BIT_ACCESSED	5
#define _PAGE_BIT_DIRTY		6
#define _PAGE_BIT_PSE		7	/* 2 MiB / 1 GiB leaf (PAT in a pte) */
#define _PAGE_BIT_GLOBAL	8
#define _PAGE_BIT_NX		63

#define _PAGE_PRESENT		(_AC(1, ULL) << _PAGE_BIT_PRESENT)
#define _PAGE_RW		(_AC(1, ULL) << _PAGE_BIT_RW)
#define _PAGE_USER		(_AC(1, ULL) << _PAGE_BIT_USER)
#define _PAGE_PWT		(_AC(1, ULL) << _PAGE_BIT_PWT)
#define _PAGE_PCD		(_AC(1, ULL) << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED		(_AC(1, ULL) << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY		(_AC(1, ULL) << _PAGE_BIT_DIRTY)
#define _PAGE_PSE		(_AC(1, ULL) << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL		(_AC(1, ULL) << _PAGE_BIT_GLOBAL)
#define _PAGE_NX		(_AC(1, ULL) << _PAGE_BIT_NX)

/* physical address bits of an entry (52-bit physical addresses) */
#define PTE_PFN_MASK		_AC(0x000ffffffffff000, ULL)
#define PTE_FLAGS_MASK		(~PTE_PFN_MASK)

/* a kernel page-table (non-leaf) entry */
#define _KERNPG_TABLE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

#define __PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
				 _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define __PAGE_KERNEL_RO	(__PAGE_KERNEL & ~_PAGE_RW)
#define __PAGE_KERNEL_ROX	(__PAGE_KERNEL & ~(_PAGE_RW | _PAGE_NX))
#define __PAGE_KERNEL_EXEC	(__PAGE_KERNEL & ~_PAGE_NX)

/* a user page-table (non-leaf) entry: user bit on every level */
#define _PAGE_TABLE		(_KERNPG_TABLE | _PAGE_USER)

/* user leaf entries (never global: CR3 writes flush them) */
#define __PAGE_USER_BASE	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_NONE		__pgprot(_PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY		__pgprot(__PAGE_USER_BASE)
#define PAGE_SHARED		__pgprot(__PAGE_USER_BASE | _PAGE_RW | _PAGE_DIRTY)
#define PAGE_READONLY_EXEC	__pgprot(__PAGE_USER_BASE & ~_PAGE_NX)
#define PAGE_SHARED_EXEC	__pgprot((__PAGE_USER_BASE & ~_PAGE_NX) | _PAGE_RW | _PAGE_DIRTY)

#define PAGE_KERNEL		__pgprot(__PAGE_KERNEL)
#define PAGE_KERNEL_RO		__pgprot(__PAGE_KERNEL_RO)
#define PAGE_KERNEL_ROX		__pgprot(__PAGE_KERNEL_ROX)
#define PAGE_KERNEL_EXEC	__pgprot(__PAGE_KERNEL_EXEC)

#endif /* _ASM_X86_PGTABLE_TYPES_H */
