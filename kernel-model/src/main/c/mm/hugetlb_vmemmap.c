// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * HugeTLB Vmemmap Optimization (HVO), after Linux's mm/hugetlb_vmemmap.c.
 *
 * A 2 MiB hugetlb folio has 512 struct pages of 64 bytes: 8 vmemmap pages.
 * Only the head and the first few tails carry folio state; every other
 * tail says nothing but "my head is H" (compound_head = H + 1), and the
 * 64 struct pages of vmemmap page 0 already say exactly that from index 1
 * on. So HVO points the ptes of vmemmap pages 1..7 at page 0's frame,
 * read-only, and frees their 7 frames:
 *
 *   vmemmap VA   before                     after
 *   page 0       frame F0 rw  (head, tails)  F0 rw   (unchanged)
 *   page k=1..7  frame Fk rw  (tails)        F0 ro   Fk freed to the buddy
 *
 * Struct page 64 * k + j then reads (and may only read) struct page j: for
 * j > 0 a correct tail; for j == 0 a copy of the head, a "fake head" with
 * the head's flags and refcount. Anybody who writes a struct page of the
 * folio other than page 0..63 after the remap faults -- which is why the
 * remap must not race with someone who found the struct page earlier and
 * is about to take a speculative reference on it (pagecache-hvo):
 *
 *   CPU 0 (filemap_get_entry)           CPU 1 (truncate, then hugetlb)
 *   rcu_read_lock()
 *   folio = xas_load()  -> page P
 *                                       remove P from the cache, free it
 *                                       alloc_fresh_hugetlb_folio():
 *                                         P is now page 64*k of it
 *                                       hugetlb_vmemmap_optimize_folio():
 *                                         P's struct page -> F0, read-only
 *   folio_try_get(P)
 *     reads the head's refcount (1),
 *     writes 2: fault on the read-only
 *     vmemmap
 *
 * The fix (FIX_HVO_RCU_SYNC, as Linux's VMEMMAP_SYNCHRONIZE_RCU) waits for
 * an RCU grace period between allocating the folio and remapping: every
 * reader that could have found P before it was freed has left its RCU
 * read-side critical section, and a reader that finds P's struct page
 * later reads a tail (refcount 0) and fails its folio_try_get().
 *
 * The remap is followed by flush_tlb_kernel_range() before the frames are
 * freed, so no CPU keeps writing to a frame the allocator gives away
 * (HVO_NO_TLB_FLUSH leaves that out: stale TLB entries into freed pages).
 * The vmemmap is mapped with 4 KiB ptes here (vmemmap_populate()), so
 * there is no PMD to split first.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/hugetlb.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/barrier.h>
#include <asm/tlbflush.h>
#include <mmulab/page_state.h>

/* walk flags */
#define VMEMMAP_SYNCHRONIZE_RCU		BIT(0)	/* synchronize_rcu() before remapping */

/*
 * One pass over the ptes of [reuse, end): the first pte is the page whose
 * frame is reused; every later one is remapped (optimize) or restored.
 * Linux calls a remap_pte function pointer; here the walk says which and
 * the helpers are inlined, so that a report's inline chain at a pte store
 * reaches hugetlb_vmemmap_optimize_folio() / hugetlb_vmemmap_restore_folio().
 */
struct vmemmap_remap_walk {
	bool restore;				/* vmemmap_restore_pte, else vmemmap_remap_pte */
	unsigned long nr_walked;
	struct page *reuse_page;		/* the frame of vmemmap page 0 */
	unsigned long reuse_addr;		/* its vmemmap VA */
	struct list_head *vmemmap_pages;	/* freed (optimize) or to use (restore) */
};

bool hugetlb_optimize_vmemmap_enabled = true;

static __always_inline void vmemmap_remap_pte(pte_t *pte, unsigned long addr, struct vmemmap_remap_walk *walk);
static __always_inline void vmemmap_restore_pte(pte_t *pte, unsigned long addr, struct vmemmap_remap_walk *walk);

static __always_inline void vmemmap_remap_range(unsigned long start, unsigned long end,
				struct vmemmap_remap_walk *walk)
{
	unsigned long addr;

	spin_lock(&init_mm.page_table_lock);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = virt_to_kpte(addr);

		BUG_ON(!pte);
		if (!walk->reuse_page) {
			/* the first pte of the walk: the page that stays */
			BUG_ON(addr != walk->reuse_addr);
			walk->reuse_page = pfn_to_page(pte_pfn(ptep_get(pte)));
			continue;
		}
		if (walk->restore)
			vmemmap_restore_pte(pte, addr, walk);
		else
			vmemmap_remap_pte(pte, addr, walk);
		walk->nr_walked++;
	}
	spin_unlock(&init_mm.page_table_lock);

	/*
	 * Every CPU must stop using the old translations before the frames
	 * they point to are freed (optimize) or before anyone relies on the
	 * struct pages being writable again (restore). On x86 this IPIs the
	 * other CPUs and waits for them: interrupts must be enabled.
	 */
#ifndef HVO_NO_TLB_FLUSH
	flush_tlb_kernel_range(walk->reuse_addr + PAGE_SIZE, end);
#endif
}

/* optimize: the pte of a tail vmemmap page goes to the reused frame, read-only */
static __always_inline void vmemmap_remap_pte(pte_t *pte, unsigned long addr, struct vmemmap_remap_walk *walk)
{
	struct page *page = pfn_to_page(pte_pfn(ptep_get(pte)));

	(void)addr;
	list_add(&page->lru, walk->vmemmap_pages);
	/*
	 * The struct pages in the reused frame (prep'd by this CPU) must be
	 * visible before another CPU can read them through the new alias.
	 */
	smp_wmb();
	set_pte(pte, pfn_pte(page_to_pfn(walk->reuse_page), PAGE_KERNEL_RO));
}

/*
 * After copying vmemmap page 0, its first struct pages are the head and
 * the tails whose words hold folio fields (_flags_1, _flags_2, ...): in a
 * restored page they must be plain tails, so copy later ones over them
 * (every plain tail of the folio looks the same).
 */
#define NR_RESET_STRUCT_PAGE		3

static void reset_struct_pages(struct page *start)
{
	BUILD_BUG_ON(NR_RESET_STRUCT_PAGE * 2 > PAGE_SIZE / sizeof(struct page));
	memcpy(start, start + NR_RESET_STRUCT_PAGE, NR_RESET_STRUCT_PAGE * sizeof(struct page));
}

/* restore: a new frame, filled with tails, mapped read-write */
static __always_inline void vmemmap_restore_pte(pte_t *pte, unsigned long addr, struct vmemmap_remap_walk *walk)
{
	struct page *page;
	void *to;

	(void)addr;
	BUG_ON(list_empty(walk->vmemmap_pages));
	page = list_first_entry(walk->vmemmap_pages, struct page, lru);
	list_del(&page->lru);
	to = page_address(page);
	memcpy(to, (void *)walk->reuse_addr, PAGE_SIZE);
	reset_struct_pages(to);
	/* the copy is visible before the pte that makes it the struct pages */
	smp_wmb();
	set_pte(pte, pfn_pte(page_to_pfn(page), PAGE_KERNEL));
}

/*
 * A vmemmap frame goes back to the buddy allocator: a boot (memblock)
 * frame is PG_reserved with refcount 1, one from restore a plain page
 * with refcount 1; either way the last reference frees it.
 */
static void free_vmemmap_page(struct page *page)
{
	if (PageReserved(page))
		__ClearPageReserved(page);
	INIT_LIST_HEAD(&page->lru);
	__free_page(page);
}

static void free_vmemmap_page_list(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		free_vmemmap_page(page);
	}
}

static int alloc_vmemmap_page_list(unsigned long start, unsigned long end, struct list_head *list)
{
	unsigned long nr = (end - start) >> PAGE_SHIFT;

	while (nr--) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_NOWARN);

		if (!page)
			goto out;
		mmulab_page_state(page_to_pfn(page), 1, MMULAB_OWNER_VMEMMAP);
		list_add(&page->lru, list);
	}
	return 0;
out:
	free_vmemmap_page_list(list);
	return -ENOMEM;
}

/* [start, end) are remapped onto reuse (== start - PAGE_SIZE), their frames go to vmemmap_pages */
static __always_inline int vmemmap_remap_free(unsigned long start, unsigned long end, unsigned long reuse,
			      struct list_head *vmemmap_pages, unsigned long flags)
{
	struct vmemmap_remap_walk walk = {
		.reuse_addr	= reuse,
		.vmemmap_pages	= vmemmap_pages,
	};

	(void)flags;
	BUG_ON(start - reuse != PAGE_SIZE);
	vmemmap_remap_range(reuse, end, &walk);
	return 0;
}

static __always_inline int vmemmap_remap_alloc(unsigned long start, unsigned long end, unsigned long reuse,
			       unsigned long flags)
{
	LIST_HEAD(vmemmap_pages);
	struct vmemmap_remap_walk walk = {
		.restore	= true,
		.reuse_addr	= reuse,
		.vmemmap_pages	= &vmemmap_pages,
	};

	(void)flags;
	BUG_ON(start - reuse != PAGE_SIZE);
	if (alloc_vmemmap_page_list(start, end, &vmemmap_pages))
		return -ENOMEM;
	vmemmap_remap_range(reuse, end, &walk);
	return 0;
}

static bool vmemmap_should_optimize_folio(const struct hstate *h, struct folio *folio)
{
	if (folio_test_hugetlb_vmemmap_optimized(folio))
		return false;
	if (!READ_ONCE(hugetlb_optimize_vmemmap_enabled))
		return false;
	return hugetlb_vmemmap_optimizable_size(h) != 0;
}

static __always_inline int __hugetlb_vmemmap_optimize_folio(const struct hstate *h, struct folio *folio,
					    struct list_head *vmemmap_pages, unsigned long flags)
{
	unsigned long vmemmap_start = (unsigned long)&folio->page, vmemmap_end, vmemmap_reuse;

	VM_BUG_ON_FOLIO(!folio_test_hugetlb(folio), folio);
	if (!vmemmap_should_optimize_folio(h, folio))
		return 0;

	/*
	 * Lockless lookups (filemap_get_entry(), GUP-fast, PFN walkers) may
	 * have found one of these struct pages, when it was still a page of
	 * something else, inside an RCU read-side critical section, and be
	 * about to try a speculative reference on it. Wait until every such
	 * section has ended before any struct page becomes a read-only alias.
	 */
	if (flags & VMEMMAP_SYNCHRONIZE_RCU)
		synchronize_rcu();

	vmemmap_end = vmemmap_start + hugetlb_vmemmap_size(h);
	vmemmap_reuse = vmemmap_start;
	vmemmap_start += HUGETLB_VMEMMAP_RESERVE_SIZE;

	/* set while page 0 is still writable through every alias' own VA */
	folio_set_hugetlb_vmemmap_optimized(folio);
	return vmemmap_remap_free(vmemmap_start, vmemmap_end, vmemmap_reuse, vmemmap_pages, flags);
}

void hugetlb_vmemmap_optimize_folio(const struct hstate *h, struct folio *folio)
{
	LIST_HEAD(vmemmap_pages);
	unsigned long flags = 0;

#ifdef FIX_HVO_RCU_SYNC
	flags |= VMEMMAP_SYNCHRONIZE_RCU;
#endif
	__hugetlb_vmemmap_optimize_folio(h, folio, &vmemmap_pages, flags);
	free_vmemmap_page_list(&vmemmap_pages);
}

static __always_inline int __hugetlb_vmemmap_restore_folio(const struct hstate *h, struct folio *folio,
					   unsigned long flags)
{
	unsigned long vmemmap_start = (unsigned long)&folio->page, vmemmap_end, vmemmap_reuse;
	int ret;

	VM_BUG_ON_FOLIO(!folio_test_hugetlb(folio), folio);
	VM_BUG_ON_FOLIO(folio_ref_count(folio), folio);
	if (!folio_test_hugetlb_vmemmap_optimized(folio))
		return 0;

	/* the same as above: nobody may still be about to write an alias */
	if (flags & VMEMMAP_SYNCHRONIZE_RCU)
		synchronize_rcu();

	vmemmap_end = vmemmap_start + hugetlb_vmemmap_size(h);
	vmemmap_reuse = vmemmap_start;
	vmemmap_start += HUGETLB_VMEMMAP_RESERVE_SIZE;

	ret = vmemmap_remap_alloc(vmemmap_start, vmemmap_end, vmemmap_reuse, flags);
	if (!ret)
		folio_clear_hugetlb_vmemmap_optimized(folio);
	return ret;
}

/* the folio's refcount is 0 (being freed) */
int hugetlb_vmemmap_restore_folio(const struct hstate *h, struct folio *folio)
{
	unsigned long flags = 0;

#ifdef FIX_HVO_RCU_SYNC
	flags |= VMEMMAP_SYNCHRONIZE_RCU;
#endif
	return __hugetlb_vmemmap_restore_folio(h, folio, flags);
}
