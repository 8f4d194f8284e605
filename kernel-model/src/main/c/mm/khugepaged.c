// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * THP collapse, after Linux's mm/khugepaged.c collapse_huge_page(): an
 * aligned 2 MiB range of an anonymous VM_HUGEPAGE VMA that is mapped with
 * small pages becomes one PMD-mapped 2 MiB folio.
 *
 *   mmap_write_lock, vma_start_write     no faults, no slow GUP, no munmap
 *   pmdp_collapse_flush()                unhook the pte table: clear the
 *                                        pmd, flush the range from every
 *                                        TLB (x86: IPIs that wait for
 *                                        IRQs-off GUP-fast; arm64: TLBI)
 *   __collapse_huge_page_isolate()       back off (restore the pmd) if a
 *                                        small page has references beyond
 *                                        its mappings: a GUP pin or get
 *   __collapse_huge_page_copy()          copy into the new folio, clear
 *                                        the ptes, drop the small pages
 *   set_pmd_at(huge pmd)
 *   free the old pte table               directly (the bug), after an IPI
 *                                        to every CPU (FIX_PTFREE_SYNC),
 *                                        or after an RCU grace period
 *                                        (PTFREE_RCU): GUP-fast may still
 *                                        be reading it (mm/mmu_gather.c)
 *
 * Linux keeps the old table deposited for a later split; this kernel never
 * splits a THP, so it frees it, which is where the lockless walkers'
 * synchronisation matters.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/rmap.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/tlbflush.h>

/* clear a pmd that points to a pte table and flush the range it mapped */
static pmd_t pmdp_collapse_flush(struct vm_area_struct *vma, unsigned long address, pmd_t *pmdp)
{
	pmd_t pmd;

	VM_BUG_ON(address & ~HPAGE_PMD_MASK);
	pmd = pmdp_huge_get_and_clear(vma->vm_mm, address, pmdp);
	/* the walkers' caches may hold entries of the table: flush them all */
	flush_tlb_range(vma, address, address + HPAGE_PMD_SIZE);
	return pmd;
}

/*
 * Each mapped small page may be referenced only by its mapping: an extra
 * reference (GUP) means someone may write it behind the copy's back.
 */
static int __collapse_huge_page_isolate(pte_t *pte)
{
	unsigned int i, present = 0;

	for (i = 0; i < PTRS_PER_PTE; i++) {
		pte_t pteval = ptep_get(pte + i);
		struct folio *folio;

		if (pte_none(pteval))
			continue;
		if (!pte_present(pteval))
			return SCAN_PTE_NON_PRESENT;
		folio = page_folio(pfn_to_page(pte_pfn(pteval)));
		if (folio_test_large(folio))
			return SCAN_PAGE_COMPOUND;
		if (folio_ref_count(folio) != folio_mapcount(folio))
			return SCAN_PAGE_COUNT;
		present++;
	}
	return present ? SCAN_SUCCEED : SCAN_FAIL;
}

/* copy the small pages into the (zeroed) folio, then unmap and drop them */
static void __collapse_huge_page_copy(struct mm_struct *mm, pte_t *pte, struct folio *folio,
				      unsigned long address)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i++, address += PAGE_SIZE) {
		pte_t pteval = ptep_get(pte + i);
		void *dst = folio_address(folio) + i * PAGE_SIZE;
		struct folio *src;

		if (pte_none(pteval))
			continue;	/* a hole: the folio came zeroed */
		src = page_folio(pfn_to_page(pte_pfn(pteval)));
		memcpy(dst, folio_address(src), PAGE_SIZE);
		pte_clear(mm, address, pte + i);
		folio_remove_rmap_pte(src, &src->page);
		folio_put(src);
	}
}

static void collapse_free_pte_table(struct mm_struct *mm, pte_t *table)
{
#if defined(FIX_PTFREE_SYNC)
	tlb_remove_table_sync_one();
	pte_free(mm, table);
#elif defined(PTFREE_RCU)
	pte_free_defer(mm, table);
#else
	pte_free(mm, table);
#endif
}

/*
 * The huge folio, zeroed. khugepaged allocates it before it takes any lock
 * (and older kernels kept one preallocated across scans:
 * khugepaged_prealloc_page), so a caller may allocate it ahead.
 */
struct folio *khugepaged_alloc_folio(void)
{
	return folio_alloc(GFP_KERNEL | __GFP_ZERO, HPAGE_PMD_ORDER);
}

/*
 * Collapse the 2 MiB range holding address into a THP; SCAN_* result.
 * *hpage: a folio from khugepaged_alloc_folio(), or NULL to allocate one;
 * consumed on success, left for the next attempt otherwise.
 */
int collapse_huge_page(struct mm_struct *mm, unsigned long address, struct folio **hpage)
{
	unsigned long haddr = address & HPAGE_PMD_MASK;
	struct vm_area_struct *vma;
	struct folio *folio;
	pte_t *table;
	pmd_t *pmd, _pmd;
	int result;

	if (!*hpage)
		*hpage = khugepaged_alloc_folio();
	folio = *hpage;
	if (!folio)
		return SCAN_ALLOC_HUGE_PAGE_FAIL;

	mmap_write_lock(mm);
	vma = vma_lookup(mm, haddr);
	if (!vma || !vma_is_anonymous(vma) || !thp_vma_suitable(vma, haddr)) {
		result = SCAN_VMA_CHECK;
		goto out_up_write;
	}
	pmd = mm_find_pmd(mm, haddr);
	if (!pmd || pmd_none(pmdp_get(pmd))) {
		result = SCAN_PMD_NULL;
		goto out_up_write;
	}
	if (pmd_leaf(pmdp_get(pmd))) {
		result = SCAN_PMD_MAPPED;
		goto out_up_write;
	}
	/* page faults under the per-VMA lock wait from here on */
	vma_start_write(vma);

	spin_lock(&mm->page_table_lock);
	_pmd = pmdp_collapse_flush(vma, haddr, pmd);
	spin_unlock(&mm->page_table_lock);
	table = (pte_t *)pmd_page_vaddr(_pmd);

	spin_lock(&mm->page_table_lock);
	result = __collapse_huge_page_isolate(table);
	if (result != SCAN_SUCCEED) {
		/* put the table back: nothing changed */
		pmd_populate(mm, pmd, table);
		spin_unlock(&mm->page_table_lock);
		goto out_up_write;
	}
	spin_unlock(&mm->page_table_lock);

	__collapse_huge_page_copy(mm, table, folio, haddr);
	folio_add_new_anon_rmap_pmd(folio);
	/* the copied data is visible before the pmd that maps it */
	smp_wmb();
	spin_lock(&mm->page_table_lock);
	set_pmd_at(mm, haddr, pmd, pmd_mkhuge_prot(folio_pfn(folio), vma->vm_page_prot));
	spin_unlock(&mm->page_table_lock);
	*hpage = NULL;

	collapse_free_pte_table(mm, table);
out_up_write:
	mmap_write_unlock(mm);
	return result;
}
