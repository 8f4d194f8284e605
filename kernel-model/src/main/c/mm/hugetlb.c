// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hugetlb folios (<linux/hugetlb.h>), after the allocation and freeing
 * paths of Linux's mm/hugetlb.c, without the pool: a folio is allocated
 * fresh from the buddy allocator when asked for and goes back to it when
 * its last reference is dropped.
 *
 *   alloc_fresh_hugetlb_folio()
 *     alloc_buddy_hugetlb_folio()      order-9 compound page, refcount 1
 *     init_new_hugetlb_folio()         hugetlb page type, hugetlb fields
 *     hugetlb_vmemmap_optimize_folio() HVO (mm/hugetlb_vmemmap.c)
 *     account_new_hugetlb_folio()
 *   folio_put() -> __folio_put() -> free_huge_folio()
 *     update_and_free_hugetlb_folio()
 *       hugetlb_vmemmap_restore_folio()  every struct page writable again
 *                                        before the buddy allocator writes
 *                                        the tails
 *       __folio_clear_hugetlb(), back to the buddy allocator
 */
#include <linux/kernel.h>
#include <linux/hugetlb.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <mmulab/page_state.h>

struct hstate default_hstate = {
	.order	= HUGETLB_PAGE_ORDER,
	.name	= "hugepages-2048kB",
};

DEFINE_SPINLOCK(hugetlb_lock);

static struct folio *alloc_buddy_hugetlb_folio(struct hstate *h, gfp_t gfp)
{
	struct folio *folio = folio_alloc(gfp | __GFP_COMP | __GFP_NOWARN, huge_page_order(h));

	if (folio)
		mmulab_page_state(folio_pfn(folio), pages_per_huge_page(h), MMULAB_OWNER_HUGETLB);
	return folio;
}

static void init_new_hugetlb_folio(struct hstate *h, struct folio *folio)
{
	(void)h;
	__folio_set_hugetlb(folio);
	folio->_hugetlb_subpool = NULL;
	folio->_hugetlb_cgroup = NULL;
}

static void account_new_hugetlb_folio(struct hstate *h, struct folio *folio)
{
	unsigned long flags;

	(void)folio;
	spin_lock_irqsave(&hugetlb_lock, flags);
	h->nr_huge_pages++;
	spin_unlock_irqrestore(&hugetlb_lock, flags);
}

/*
 * A new hugetlb folio with one reference, its vmemmap optimised. The
 * struct pages of 64 * k (k = 1..7) read as the head from now on.
 */
struct folio *alloc_fresh_hugetlb_folio(struct hstate *h, gfp_t gfp)
{
	struct folio *folio = alloc_buddy_hugetlb_folio(h, gfp);

	if (!folio)
		return NULL;
	init_new_hugetlb_folio(h, folio);
	hugetlb_vmemmap_optimize_folio(h, folio);
	account_new_hugetlb_folio(h, folio);
	return folio;
}

/*
 * The refcount is 0. Restore the vmemmap (the buddy allocator's freeing
 * writes every tail struct page), then hand the pages back.
 */
static void __update_and_free_hugetlb_folio(struct hstate *h, struct folio *folio)
{
	if (hugetlb_vmemmap_restore_folio(h, folio)) {
		/*
		 * No memory for the vmemmap: Linux puts the folio back in the
		 * pool; without a pool it stays allocated (a leak, reported).
		 */
		WARN(1, "hugetlb: cannot restore the vmemmap of pfn %#lx, leaking it", folio_pfn(folio));
		return;
	}
	__folio_clear_hugetlb(folio);
	folio->_hugetlb_subpool = NULL;
	folio->_hugetlb_cgroup = NULL;
	folio->private = NULL;
	free_unref_page(&folio->page, huge_page_order(h));
}

static void update_and_free_hugetlb_folio(struct hstate *h, struct folio *folio)
{
	unsigned long flags;

	spin_lock_irqsave(&hugetlb_lock, flags);
	h->nr_huge_pages--;
	spin_unlock_irqrestore(&hugetlb_lock, flags);
	__update_and_free_hugetlb_folio(h, folio);
}

/* the last reference to a hugetlb folio is gone (from __folio_put()) */
void free_huge_folio(struct folio *folio)
{
	struct hstate *h = folio_hstate(folio);

	VM_BUG_ON_FOLIO(folio_ref_count(folio), folio);
	update_and_free_hugetlb_folio(h, folio);
}
