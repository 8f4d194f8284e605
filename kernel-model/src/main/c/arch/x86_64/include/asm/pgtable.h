/* SPDX-License-Identifier: GPL-2.0-or-later */
/* x86_64 page-table entry operations (generic helpers: <linux/pgtable.h>). */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <asm/pgtable_types.h>
#include <asm-generic/pgtable-nop4d.h>

#ifndef __ASSEMBLER__
#include <linux/compiler.h>
#include <linux/atomic.h>

struct mm_struct;
extern struct mm_struct init_mm;

/* the kernel's root table (init_mm.pgd); the early one lives in .head.data */
extern pgd_t init_top_pgt[PTRS_PER_PGD];
extern pgd_t early_top_pgt[PTRS_PER_PGD];
#define swapper_pg_dir init_top_pgt

static inline int pte_present(pte_t pte)	{ return pte_val(pte) & _PAGE_PRESENT; }
static inline int pmd_present(pmd_t pmd)	{ return pmd_val(pmd) & _PAGE_PRESENT; }
static inline int pud_present(pud_t pud)	{ return pud_val(pud) & _PAGE_PRESENT; }
static inline int p4d_present(p4d_t p4d)	{ return p4d_val(p4d) & _PAGE_PRESENT; }
static inline int pgd_present(pgd_t pgd)	{ return pgd_val(pgd) & _PAGE_PRESENT; }

/* a leaf entry above the pte level (2 MiB / 1 GiB page) */
static inline int pmd_leaf(pmd_t pmd)
{
	return (pmd_val(pmd) & (_PAGE_PRESENT | _PAGE_PSE)) == (_PAGE_PRESENT | _PAGE_PSE);
}

static inline int pud_leaf(pud_t pud)
{
	return (pud_val(pud) & (_PAGE_PRESENT | _PAGE_PSE)) == (_PAGE_PRESENT | _PAGE_PSE);
}

/* a valid kernel (non-user) entry */
static inline int pte_valid_not_user(pte_t pte)
{
	return (pte_val(pte) & (_PAGE_PRESENT | _PAGE_USER)) == _PAGE_PRESENT;
}

static inline int pte_write(pte_t pte)		{ return !!(pte_val(pte) & _PAGE_RW); }
static inline int pte_exec(pte_t pte)		{ return !(pte_val(pte) & _PAGE_NX); }
static inline int pte_young(pte_t pte)		{ return !!(pte_val(pte) & _PAGE_ACCESSED); }
static inline int pte_dirty(pte_t pte)		{ return !!(pte_val(pte) & _PAGE_DIRTY); }

static inline pmd_t pmd_mkhuge(pmd_t pmd)	{ return __pmd(pmd_val(pmd) | _PAGE_PSE); }

/* Entries are written with single 64-bit stores, as the hardware walker reads them. */
static inline void set_pte(pte_t *ptep, pte_t pte)	{ WRITE_ONCE(ptep->pte, pte_val(pte)); }
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)	{ WRITE_ONCE(pmdp->pmd, pmd_val(pmd)); }
static inline void set_pud(pud_t *pudp, pud_t pud)	{ WRITE_ONCE(pudp->pud, pud_val(pud)); }
static inline void set_p4d(p4d_t *p4dp, p4d_t p4d)	{ WRITE_ONCE(p4dp->pgd.pgd, p4d_val(p4d)); }
static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)	{ WRITE_ONCE(pgdp->pgd, pgd_val(pgd)); }

/* pte modifiers (values only; install with set_pte) */
static inline pte_t pte_set_flags(pte_t pte, pteval_t set)	{ return __pte(pte_val(pte) | set); }
static inline pte_t pte_clear_flags(pte_t pte, pteval_t clr)	{ return __pte(pte_val(pte) & ~clr); }
static inline pte_t pte_wrprotect(pte_t pte)	{ return pte_clear_flags(pte, _PAGE_RW); }
static inline pte_t pte_mkwrite_novma(pte_t pte) { return pte_set_flags(pte, _PAGE_RW); }
static inline pte_t pte_mkdirty(pte_t pte)	{ return pte_set_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte)	{ return pte_clear_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte)	{ return pte_set_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte)	{ return pte_clear_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkexec(pte_t pte)	{ return pte_clear_flags(pte, _PAGE_NX); }
static inline pte_t pte_mknexec(pte_t pte)	{ return pte_set_flags(pte, _PAGE_NX); }

/* atomically take the old entry (xchg, as native_ptep_get_and_clear) */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	(void)mm; (void)addr;
	return __pte(xchg(&ptep->pte, 0));
}

/* user tables carry the user bit at every level; the kernel's do not */
static inline pteval_t __table_prot(struct mm_struct *mm)
{
	return mm == &init_mm ? _KERNPG_TABLE : _PAGE_TABLE;
}

static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmdp, pte_t *pte)
{
	(void)mm;
	set_pmd(pmdp, __pmd(__pa(pte) | _KERNPG_TABLE));
}

static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmdp, pte_t *pte)
{
	set_pmd(pmdp, __pmd(__pa(pte) | __table_prot(mm)));
}

static inline void pud_populate(struct mm_struct *mm, pud_t *pudp, pmd_t *pmd)
{
	set_pud(pudp, __pud(__pa(pmd) | __table_prot(mm)));
}

static inline void p4d_populate(struct mm_struct *mm, p4d_t *p4dp, pud_t *pud)
{
	set_p4d(p4dp, __p4d(__pa(pud) | __table_prot(mm)));
}

/* user entries: written like kernel ones, x86 needs no barrier for the walker */
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	(void)mm; (void)addr;
	set_pte(ptep, pte);
}

static inline void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp, pmd_t pmd)
{
	(void)mm; (void)addr;
	set_pmd(pmdp, pmd);
}

static inline pmd_t pmdp_huge_get_and_clear(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp)
{
	(void)mm; (void)addr;
	return __pmd(xchg(&pmdp->pmd, 0));
}

/* a huge user pmd from a pte-style protection: PAT bit 7 becomes PSE */
static inline pmd_t pmd_mkhuge_prot(unsigned long pfn, pgprot_t prot)
{
	return __pmd(((phys_addr_t)pfn << PAGE_SHIFT) | pgprot_val(prot) | _PAGE_PSE);
}

static inline int pmd_write(pmd_t pmd)	{ return !!(pmd_val(pmd) & _PAGE_RW); }

/* the first user-half and the kernel-half pgd slots (pgd_alloc copies the latter) */
#define KERNEL_PGD_BOUNDARY	(PTRS_PER_PGD / 2)
#define USER_PTRS_PER_PGD	KERNEL_PGD_BOUNDARY

#endif /* __ASSEMBLER__ */
#endif /* _ASM_X86_PGTABLE_H */
