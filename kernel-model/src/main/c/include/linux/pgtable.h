/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Arch-independent page-table helpers for the four levels (pgd -> p4d
 * (folded) -> pud -> pmd -> pte): pfn and next-table accessors and the
 * pfn_pte()/pfn_pmd() constructors (an entry at any level is a physical
 * address within the arch's PTE_PFN_MASK ORed with flags), index and
 * offset helpers, lockless snapshots, set_pte_at()/pte_clear() on top of
 * set_pte(), and the *_addr_end() range helpers. <asm/pgtable.h> has the
 * arch's part: present/leaf tests, pte flag tests and modifiers,
 * pmd_mkhuge(), set_*(), ptep_get_and_clear() and *_populate().
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/pgtable.h>

#ifndef __ASSEMBLER__

struct mm_struct;

static inline unsigned long pte_pfn(pte_t pte)	{ return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline unsigned long pmd_pfn(pmd_t pmd)	{ return (pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline unsigned long pud_pfn(pud_t pud)	{ return (pud_val(pud) & PTE_PFN_MASK) >> PAGE_SHIFT; }

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((phys_addr_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}

static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
	return __pmd(((phys_addr_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}

static inline pgprot_t pte_pgprot(pte_t pte)	{ return __pgprot(pte_val(pte) & ~PTE_PFN_MASK); }

/* the same page with new flags */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	return __pte((pte_val(pte) & PTE_PFN_MASK) | pgprot_val(newprot));
}

static inline int pte_same(pte_t a, pte_t b)	{ return pte_val(a) == pte_val(b); }

/* the next-level table of a non-leaf entry, as a kernel (direct-map) address */
static inline unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)__va(pmd_val(pmd) & PTE_PFN_MASK);
}

static inline pmd_t *pud_pgtable(pud_t pud)
{
	return (pmd_t *)__va(pud_val(pud) & PTE_PFN_MASK);
}

static inline pud_t *p4d_pgtable(p4d_t p4d)
{
	return (pud_t *)__va(p4d_val(p4d) & PTE_PFN_MASK);
}

static inline unsigned long pte_index(unsigned long address)
{
	return (address >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

static inline unsigned long pmd_index(unsigned long address)
{
	return (address >> PMD_SHIFT) & (PTRS_PER_PMD - 1);
}

static inline unsigned long pud_index(unsigned long address)
{
	return (address >> PUD_SHIFT) & (PTRS_PER_PUD - 1);
}

static inline unsigned long pgd_index(unsigned long address)
{
	return (address >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1);
}

static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long address)
{
	return pgd + pgd_index(address);
}

#define pgd_offset(mm, address)		pgd_offset_pgd((mm)->pgd, (address))
#define pgd_offset_k(address)		pgd_offset(&init_mm, (address))

static inline pud_t *pud_offset(p4d_t *p4d, unsigned long address)
{
	return (pud_t *)p4d_pgtable(*p4d) + pud_index(address);
}

static inline pmd_t *pmd_offset(pud_t *pud, unsigned long address)
{
	return pud_pgtable(*pud) + pmd_index(address);
}

static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address)
{
	return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(address);
}

/* Lockless snapshots of an entry, as GUP-fast and other walkers take them. */
static inline pte_t ptep_get(pte_t *ptep)	{ return __pte(READ_ONCE(ptep->pte)); }
static inline pmd_t pmdp_get(pmd_t *pmdp)	{ return __pmd(READ_ONCE(pmdp->pmd)); }
static inline pud_t pudp_get(pud_t *pudp)	{ return __pud(READ_ONCE(pudp->pud)); }
static inline p4d_t p4dp_get(p4d_t *p4dp)	{ return __p4d(READ_ONCE(p4dp->pgd.pgd)); }
static inline pgd_t pgdp_get(pgd_t *pgdp)	{ return __pgd(READ_ONCE(pgdp->pgd)); }

static inline int pte_none(pte_t pte)	{ return !pte_val(pte); }
static inline int pmd_none(pmd_t pmd)	{ return !pmd_val(pmd); }
static inline int pud_none(pud_t pud)	{ return !pud_val(pud); }
static inline int p4d_none(p4d_t p4d)	{ return !p4d_val(p4d); }
static inline int pgd_none(pgd_t pgd)	{ return !pgd_val(pgd); }

/* set_pte_at()/set_pmd_at() are the arch's (arm64 orders user entries too) */
static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	(void)mm; (void)addr;
	set_pte(ptep, __pte(0));
}

static inline void pmd_clear(pmd_t *pmdp)	{ set_pmd(pmdp, __pmd(0)); }

/* user pte tables live in the direct map: "mapping" them is free here */
#define pte_offset_map(pmd, address)	pte_offset_kernel((pmd), (address))
#define pte_unmap(pte)			do { (void)(pte); } while (0)

/* a PMD that maps a huge page (THP) rather than a pte table */
static inline int pmd_trans_huge(pmd_t pmd)	{ return pmd_present(pmd) && pmd_leaf(pmd); }

/* the page-table page a non-leaf pmd points to */
#define pmd_pgtable_page(pmd)	virt_to_page((void *)pmd_page_vaddr(pmd))

/* the end of the range [addr, end) that lies in addr's entry at each level */
#define pgd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PGDIR_SIZE) & PGDIR_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#define pud_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PUD_SIZE) & PUD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#define pmd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

#endif /* __ASSEMBLER__ */
#endif /* _LINUX_PGTABLE_H */
