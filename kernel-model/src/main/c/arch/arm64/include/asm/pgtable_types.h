/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_PGTABLE_TYPES_H
#define _ASM_ARM64_PGTABLE_TYPES_H

#include <asm/page.h>
#include <asm/pgtable-hwdef.h>
#include <asm-generic/pgtable-types.h>

/* the address bits of an entry at any level, as <linux/pgtable.h> masks them */
#define PTE_PFN_MASK		PTE_ADDR_MASK

/* the attributes of every kernel page: normal WB memory, inner shareable, AF set */
#define PROT_DEFAULT		(PTE_TYPE_PAGE | PTE_AF | PTE_SHARED)
#define PROT_NORMAL		(PROT_DEFAULT | PTE_ATTRINDX(MT_NORMAL))

#define _PAGE_KERNEL		(PROT_NORMAL | PTE_PXN | PTE_UXN)
#define _PAGE_KERNEL_RO		(PROT_NORMAL | PTE_RDONLY | PTE_PXN | PTE_UXN)
#define _PAGE_KERNEL_ROX	(PROT_NORMAL | PTE_RDONLY | PTE_UXN)
#define _PAGE_KERNEL_EXEC	(PROT_NORMAL | PTE_UXN)

/*
 * user leaf entries: EL0-accessible (AP[1]), ASID-tagged (nG), never
 * executable by the kernel. The kernel reaches them with plain loads and
 * stores (PAN is not enabled).
 */
#define _PAGE_USER_BASE		(PROT_NORMAL | PTE_USER | PTE_NG | PTE_PXN)
#define PAGE_NONE		__pgprot((PROT_NORMAL | PTE_NG | PTE_PXN | PTE_UXN | PTE_RDONLY) & ~PTE_VALID)
#define PAGE_READONLY		__pgprot(_PAGE_USER_BASE | PTE_UXN | PTE_RDONLY)
#define PAGE_SHARED		__pgprot(_PAGE_USER_BASE | PTE_UXN | PTE_WRITE)
#define PAGE_READONLY_EXEC	__pgprot(_PAGE_USER_BASE | PTE_RDONLY)
#define PAGE_SHARED_EXEC	__pgprot(_PAGE_USER_BASE | PTE_WRITE)

#define PAGE_KERNEL		__pgprot(_PAGE_KERNEL)
#define PAGE_KERNEL_RO		__pgprot(_PAGE_KERNEL_RO)
#define PAGE_KERNEL_ROX		__pgprot(_PAGE_KERNEL_ROX)
#define PAGE_KERNEL_EXEC	__pgprot(_PAGE_KERNEL_EXEC)

#endif /* _ASM_ARM64_PGTABLE_TYPES_H */
