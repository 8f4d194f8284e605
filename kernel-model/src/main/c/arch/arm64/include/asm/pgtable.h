/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arm64 page-table entry operations (generic helpers: <linux/pgtable.h>). */
#ifndef _ASM_ARM64_PGTABLE_H
#define _ASM_ARM64_PGTABLE_H

#include <asm/pgtable_types.h>
#include <asm-generic/pgtable-nop4d.h>

#ifndef __ASSEMBLER__
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <asm/sysreg.h>

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

/* a page-format pmd becomes a block: descriptor type 0b01 */
static inline pmd_t pmd_mkhuge(pmd_t pmd)
{
	return __pmd((pmd_val(pmd) & ~PMD_TYPE_MASK) | PMD_TYPE_SECT);
}

/*
 * Entries are written with single 64-bit stores. As in Linux, a store that
 * makes a kernel entry valid is followed by dsb(ishst) + isb, so the table
 * walker (of every CPU) sees it before the next access that may need it;
 * invalidating stores leave the barriers to the TLB maintenance that must
 * follow them.
 */
static inline int pte_valid_not_user(pte_t pte)
{
	return (pte_val(pte) & (PTE_VALID | PTE_USER)) == PTE_VALID;
}

static inline void set_pte(pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(ptep->pte, pte_val(pte));
	if (pte_valid_not_user(pte)) {
		dsb(ishst);
		isb();
	}
}

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	WRITE_ONCE(pmdp->pmd, pmd_val(pmd));
	if (pmd_val(pmd) & PTE_VALID) {
		dsb(ishst);
		isb();
	}
}

static inline void set_pud(pud_t *pudp, pud_t pud)
{
	WRITE_ONCE(pudp->pud, pud_val(pud));
	if (pud_val(pud) & PTE_VALID) {
		dsb(ishst);
		isb();
	}
}

static inline void set_p4d(p4d_t *p4dp, p4d_t p4d)
{
	WRITE_ONCE(p4dp->pgd.pgd, p4d_val(p4d));
	dsb(ishst);
	isb();
}

static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)
{
	WRITE_ONCE(pgdp->pgd, pgd_val(pgd));
	dsb(ishst);
	isb();
}


/* pte modifiers (values only; install with set_pte) */
static inline pte_t set_pte_bit(pte_t pte, pgprot_t prot)	{ return __pte(pte_val(pte) | pgprot_val(prot)); }
static inline pte_t clear_pte_bit(pte_t pte, pgprot_t prot)	{ return __pte(pte_val(pte) & ~pgprot_val(prot)); }
static inline pte_t pte_wrprotect(pte_t pte)
{
	pte = clear_pte_bit(pte, __pgprot(PTE_WRITE));
	return set_pte_bit(pte, __pgprot(PTE_RDONLY));
}
static inline pte_t pte_mkwrite_novma(pte_t pte)	{ return clear_pte_bit(pte, __pgprot(PTE_RDONLY)); }
static inline pte_t pte_mkdirty(pte_t pte)	{ return set_pte_bit(pte, __pgprot(PTE_DIRTY)); }
static inline pte_t pte_mkclean(pte_t pte)	{ return clear_pte_bit(pte, __pgprot(PTE_DIRTY)); }
static inline pte_t pte_mkyoung(pte_t pte)	{ return set_pte_bit(pte, __pgprot(PTE_AF)); }
static inline pte_t pte_mkold(pte_t pte)	{ return clear_pte_bit(pte, __pgprot(PTE_AF)); }
static inline pte_t pte_mkexec(pte_t pte)	{ return clear_pte_bit(pte, __pgprot(PTE_PXN)); }
static inline pte_t pte_mknexec(pte_t pte)	{ return set_pte_bit(pte, __pgprot(PTE_PXN)); }
static inline int pte_dirty(pte_t pte)		{ return !!(pte_val(pte) & PTE_DIRTY); }

/* atomically take the old entry */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	(void)mm; (void)addr;
	return __pte(xchg_relaxed(&ptep->pte, 0));
}

static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmdp, pte_t *pte)
{
	(void)mm;
	set_pmd(pmdp, __pmd(__pa(pte) | PMD_TYPE_TABLE));
}

static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmdp, pte_t *pte)
{
	(void)mm;
	set_pmd(pmdp, __pmd(__pa(pte) | PMD_TYPE_TABLE));
}

/*
 * User entries. Linux leaves a new user pte to be found by the next
 * access, taking a spurious fault if the walker has not seen it yet; the
 * accessing code here is the kernel, which retries at once from the fault
 * handler, so make the entry visible to the walker before returning
 * (dsb ishst), as for kernel entries.
 */
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	(void)mm; (void)addr;
	WRITE_ONCE(ptep->pte, pte_val(pte));
	if (pte_val(pte) & PTE_VALID)
		dsb(ishst);
}

static inline void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp, pmd_t pmd)
{
	(void)mm; (void)addr;
	set_pmd(pmdp, pmd);
}

static inline pmd_t pmdp_huge_get_and_clear(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp)
{
	(void)mm; (void)addr;
	return __pmd(xchg_relaxed(&pmdp->pmd, 0));
}

/* a block (huge) user pmd from a page-style protection */
static inline pmd_t pmd_mkhuge_prot(unsigned long pfn, pgprot_t prot)
{
	return pmd_mkhuge(__pmd(((phys_addr_t)pfn << PAGE_SHIFT) | pgprot_val(prot)));
}

/* a user root (TTBR0) covers the whole lower half */
#define USER_PTRS_PER_PGD	PTRS_PER_PGD

static inline int pmd_write(pmd_t pmd)	{ return !(pmd_val(pmd) & PTE_RDONLY); }

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
