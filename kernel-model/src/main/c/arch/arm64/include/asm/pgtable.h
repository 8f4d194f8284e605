/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arm64 page-table entry operations (generic walkers: <linux/pgtable.h>). */
#ifndef _ASM_ARM64_PGTABLE_H
#define _ASM_ARM64_PGTABLE_H

#include <asm/pgtable_types.h>
#include <asm-generic/pgtable-nop4d.h>

#ifndef __ASSEMBLER__
#include <linux/compiler.h>

struct mm_struct;

/*
 * swapper_pg_dir: the kernel's root table (TTBR1, init_mm.pgd);
 * reserved_pg_dir: an empty table for TTBR0 when no user space is live;
 * idmap_pg_dir / init_pg_dir: the early tables in .head.data.
 */
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];
extern pgd_t reserved_pg_dir[PTRS_PER_PGD];
extern pgd_t idmap_pg_dir[PTRS_PER_PGD];
extern pgd_t init_pg_dir[PTRS_PER_PGD];

static inline unsigned long pte_pfn(pte_t pte)	{ return (pte_val(pte) & PTE_ADDR_MASK) >> PAGE_SHIFT; }
static inline unsigned long pmd_pfn(pmd_t pmd)	{ return (pmd_val(pmd) & PTE_ADDR_MASK) >> PAGE_SHIFT; }
static inline unsigned long pud_pfn(pud_t pud)	{ return (pud_val(pud) & PTE_ADDR_MASK) >> PAGE_SHIFT; }

static inline int pte_present(pte_t pte)	{ return pte_val(pte) & PTE_VALID; }
static inline int pmd_present(pmd_t pmd)	{ return pmd_val(pmd) & PTE_VALID; }
static inline int pud_present(pud_t pud)	{ return pud_val(pud) & PTE_VALID; }
static inline int p4d_present(p4d_t p4d)	{ return p4d_val(p4d) & PTE_VALID; }
static inline int pgd_present(pgd_t pgd)	{ return pgd_val(pgd) & PTE_VALID; }

/* a block entry above level 3 */
static inline int pmd_leaf(pmd_t pmd)	{ return (pmd_val(pmd) & PMD_TYPE_MASK) == PMD_TYPE_SECT; }
static inline int pud_leaf(pud_t pud)	{ return (pud_val(pud) & PMD_TYPE_MASK) == PUD_TYPE_SECT; }

static inline int pte_write(pte_t pte)	{ return !(pte_val(pte) & PTE_RDONLY); }
static inline int pte_exec(pte_t pte)	{ return !(pte_val(pte) & PTE_PXN); }
static inline int pte_young(pte_t pte)	{ return !!(pte_val(pte) & PTE_AF); }

static inline unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)__va(pmd_val(pmd) & PTE_ADDR_MASK);
}

static inline pmd_t *pud_pgtable(pud_t pud)
{
	return (pmd_t *)__va(pud_val(pud) & PTE_ADDR_MASK);
}

static inline pud_t *p4d_pgtable(p4d_t p4d)
{
	return (pud_t *)__va(p4d_val(p4d) & PTE_ADDR_MASK);
}

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((phys_addr_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}

static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
	return __pmd(((phys_addr_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}

/* a page-format pmd becomes a block: descriptor type 0b01 */
static inline pmd_t pmd_mkhuge(pmd_t pmd)
{
	return __pmd((pmd_val(pmd) & ~PMD_TYPE_MASK) | PMD_TYPE_SECT);
}

/*
 * Entries are written with single 64-bit stores. Linux follows a valid
 * kernel entry write with dsb(ishst) + isb so the walker sees it; these
 * helpers leave that to the caller (paging_init switches tables behind a
 * dsb ish, and later code uses the explicit barriers).
 */
static inline void set_pte(pte_t *ptep, pte_t pte)	{ WRITE_ONCE(ptep->pte, pte_val(pte)); }
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)	{ WRITE_ONCE(pmdp->pmd, pmd_val(pmd)); }
static inline void set_pud(pud_t *pudp, pud_t pud)	{ WRITE_ONCE(pudp->pud, pud_val(pud)); }
static inline void set_p4d(p4d_t *p4dp, p4d_t p4d)	{ WRITE_ONCE(p4dp->pgd.pgd, p4d_val(p4d)); }
static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)	{ WRITE_ONCE(pgdp->pgd, pgd_val(pgd)); }

static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	(void)mm; (void)addr;
	set_pte(ptep, __pte(0));
}

static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmdp, pte_t *pte)
{
	(void)mm;
	set_pmd(pmdp, __pmd(__pa(pte) | PMD_TYPE_TABLE));
}

static inline void pud_populate(struct mm_struct *mm, pud_t *pudp, pmd_t *pmd)
{
	(void)mm;
	set_pud(pudp, __pud(__pa(pmd) | PUD_TYPE_TABLE));
}

static inline void p4d_populate(struct mm_struct *mm, p4d_t *p4dp, pud_t *pud)
{
	(void)mm;
	set_p4d(p4dp, __p4d(__pa(pud) | P4D_TYPE_TABLE));
}

#endif /* __ASSEMBLER__ */
#endif /* _ASM_ARM64_PGTABLE_H */
