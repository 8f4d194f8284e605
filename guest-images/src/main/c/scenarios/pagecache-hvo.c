// SPDX-License-Identifier: GPL-2.0-or-later
//! variant fixed: -DFIX_HVO_RCU_SYNC
//! variant noflush: -DHVO_NO_TLB_FLUSH
/*
 * pagecache-hvo: a lockless page-cache lookup holds a struct page pointer
 * under RCU while the folio is truncated, freed and reused by hugetlb,
 * whose vmemmap optimisation (HVO) remaps that struct page read-only.
 *
 *	setup (cpu 0, before the checkpoint):
 *		B = an order-9 block, every page of it free except
 *		P = B + 64 * 3, which is the page-cache folio at index 0 of a
 *		file; B's order-9 buddy is not free (one page of it is held),
 *		so freeing P re-forms exactly B, first on free_area[9]
 *
 *	cpu 0 (reader, until truncated)		cpu 1
 *	filemap_get_entry(mapping, 0)
 *	  rcu_read_lock()
 *	  folio = xas_load()  == P
 *						truncate_inode_pages(mapping, 0)
 *						  P out of the cache, last put:
 *						  P free, B whole again
 *						alloc_fresh_hugetlb_folio()
 *						  gets B; P = page 64*3 of it
 *						  hugetlb_vmemmap_optimize_folio()
 *						    vmemmap page 3 -> page 0's
 *						    frame, read-only; TLB flush;
 *						    the old frame freed
 *	  folio_try_get(P)
 *	    P's struct page now reads the hugetlb head (refcount 1):
 *	    the increment writes the read-only alias -> kernel oops
 *
 * fixed (FIX_HVO_RCU_SYNC): HVO waits for a grace period before the
 * remap, so cpu 0 has left its read-side critical section; a later
 * lookup finds the index empty, and a folio_try_get() that comes after
 * the allocation but before the remap reads a hugetlb tail (refcount 0)
 * and fails. Clean.
 *
 * noflush (HVO_NO_TLB_FLUSH): no TLB flush after the remap. cpu 0's TLB
 * still maps P's struct page to the old vmemmap frame, freed by HVO:
 * its folio_try_get() reads a freed page, STALE_TLB_UAF.
 *
 * Exploring: pct with one change point (--depth 2) stops cpu 0 right
 * after its xas_load() about once in 25 runs; a second change point would
 * almost always stop cpu 1 again before its remap. Use --model sc: under
 * tso/arm a CPU waiting for its own store buffer to drain lets the stopped
 * reader step on, out of its window (the race needs no reordering).
 * Random schedules practically never keep cpu 0 away that long.
 *
 * The hugetlb folio is kept to the end of the run (freeing it restores
 * the vmemmap, which the noflush kernel would get wrong on cpu 1 as well).
 */
#include <mmulab/scenario.h>
#include <linux/fs.h>
#include <linux/hugetlb.h>
#include <linux/pagemap.h>

#define HVO_SLOT	3		/* P is page 64 * HVO_SLOT of the block */
/*
 * A lookup is ~15 steps, so 500 outlast a whole run's steps (pct's k,
 * 3000-5500): a change point that falls while cpu 0 runs alone falls
 * inside its loop. More only lengthens the runs in which cpu 0 polls
 * alone after the last change point (2000 found the same failing runs
 * at twice the cost per run).
 */
#define LOOKUPS		500

static struct address_space mapping;
static struct page *block;		/* the order-10 block B and its buddy come from */
static struct page *cache_page;		/* P */
static struct folio *huge;		/* cpu 1's hugetlb folio */

void scenario_setup(void)
{
	unsigned long i, nr = 1UL << MAX_PAGE_ORDER;
	struct folio *folio;

	if (nr_cpu_ids < 2)
		panic("pagecache-hvo needs at least 2 CPUs, have %u", nr_cpu_ids);
	address_space_init_once(&mapping);

	/*
	 * B = block[0, 512), its buddy block[512, 1024): keep P and the
	 * first page of the buddy, free the rest page by page (they merge).
	 */
	block = alloc_pages(GFP_KERNEL, MAX_PAGE_ORDER);
	BUG_ON(!block);
	split_page(block, MAX_PAGE_ORDER);
	cache_page = block + HVO_SLOT * (PAGE_SIZE / sizeof(struct page));
	for (i = 0; i < nr; i++)
		if (block + i != cache_page && i != nr / 2)
			__free_page(block + i);
	BUG_ON(!is_free_buddy_page(block) || is_free_buddy_page(cache_page));

	folio = page_folio(cache_page);
	BUG_ON(filemap_add_folio(&mapping, folio, 0, GFP_KERNEL));
	folio_unlock(folio);
	folio_put(folio);		/* the page cache holds the only reference */
}

/*
 * Look index 0 up until the file is truncated (a reader polling the file),
 * at most LOOKUPS times: a reader that never gives up would keep a
 * scheduler that stopped cpu 1 spinning here for ever.
 */
static int reader(void)
{
	unsigned long lookups;
	struct folio *folio;

	for (lookups = 0; lookups < LOOKUPS; lookups++) {
		folio = filemap_get_entry(&mapping, 0);
		if (!folio)
			break;
		CHECK(&folio->page == cache_page, "lookup %lu returned %p, the cached folio is %p",
		      lookups, folio, cache_page);
		folio_put(folio);
	}
	return 0;
}

static int truncate_and_reuse(void)
{
	struct folio *folio;

	truncate_inode_pages(&mapping, 0);
	folio = alloc_fresh_hugetlb_folio(&default_hstate, GFP_KERNEL);
	CHECK(folio, "hugetlb allocation failed");
	/* P's block, unless the reader still held P when the cache let go of it */
	WRITE_ONCE(huge, folio);
	return 0;
}

int scenario_main(unsigned int cpu)
{
	if (cpu == 0)
		return reader();
	if (cpu == 1)
		return truncate_and_reuse();
	return 0;
}
