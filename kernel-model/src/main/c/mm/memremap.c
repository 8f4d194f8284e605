// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ZONE_DEVICE pages (<linux/memremap.h>): memremap_pages() and the put
 * path of fsdax pages, whose reference counts are 1-based.
 *
 * In Linux, memremap_pages() adds struct pages for memory the buddy
 * allocator never had (persistent memory, device memory). This machine
 * has no such memory, so the "device" is a block that memremap_pages()
 * takes from the buddy allocator; from then on its pages are ZONE_DEVICE
 * pages that the allocator does not know, until memunmap_pages() gives
 * the block back.
 */
#include <linux/kernel.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/wait_bit.h>
#include <mmulab/hypercall.h>

/* Linux's __init_zone_device_page(): a page of the device, idle */
static void __init_zone_device_page(struct page *page, struct dev_pagemap *pgmap)
{
	memset(page, 0, sizeof(*page));
	set_page_zone(page, ZONE_DEVICE);
	page->pgmap = pgmap;
	page->zone_device_data = NULL;
	atomic_set(&page->_mapcount, -1);
	/* fsdax pages are 1-based: 1 is "nobody holds it" */
	set_page_count(page, 1);
}

/*
 * memremap_pages - make pgmap->nr_pages pages of device memory with struct
 * pages in ZONE_DEVICE. Returns the range's direct-map address (Linux:
 * the caller maps it; here the direct map already does), NULL on failure.
 * The pages are not visible to anyone else until the caller publishes
 * them, so they are written with plain stores.
 */
void *memremap_pages(struct dev_pagemap *pgmap, int nid)
{
	unsigned long pfn, i, nr = pgmap->nr_pages;
	unsigned int order;
	struct page *page;

	(void)nid;
	if (WARN(pgmap->type != MEMORY_DEVICE_FS_DAX, "memremap_pages: type %d not modelled", pgmap->type))
		return NULL;
	if (WARN(!nr || (nr & (nr - 1)), "memremap_pages: %lu pages, not a power of two", nr))
		return NULL;
	order = __ffs(nr);
	if (WARN(order > MAX_PAGE_ORDER, "memremap_pages: %lu pages is more than a buddy block", nr))
		return NULL;

	/* not compound: fsdax pages are order-0 folios, each counted on its own */
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	if (!page)
		return NULL;
	pfn = page_to_pfn(page);
	pgmap->range.start = PFN_PHYS(pfn);
	pgmap->range.end = PFN_PHYS(pfn + nr) - 1;

	/* memmap_init_zone_device() */
	for (i = 0; i < nr; i++)
		__init_zone_device_page(pfn_to_page(pfn + i), pgmap);
	return page_address(page);
}

/*
 * memunmap_pages - give the range back. Every page must be idle
 * (refcount 1): Linux kills the pgmap's percpu_ref and waits for it; here
 * a page still held is a WARN, and the range is leaked rather than freed
 * under its holder.
 */
void memunmap_pages(struct dev_pagemap *pgmap)
{
	unsigned long pfn = PHYS_PFN(pgmap->range.start), nr = pgmap->nr_pages, i;
	struct page *first = pfn_to_page(pfn);

	for (i = 0; i < nr; i++) {
		struct page *page = first + i;

		if (WARN(page_ref_count(page) != 1 || page_pgmap(page) != pgmap,
			 "memunmap_pages: pfn %#lx busy: refcount %d", pfn + i, page_ref_count(page)))
			return;
	}
	/* back to what alloc_pages() handed out: the first page holds the reference */
	for (i = 0; i < nr; i++) {
		struct page *page = first + i;

		memset(page, 0, sizeof(*page));
		INIT_LIST_HEAD(&page->lru);
		atomic_set(&page->_mapcount, -1);
		set_page_count(page, i == 0);
	}
	pgmap->range.start = 0;
	pgmap->range.end = 0;
	__free_pages(first, __ffs(nr));
}

/*
 * __put_devmap_managed_page_refs - drop refs references to a ZONE_DEVICE
 * page; true if it is an fsdax page (the references are then dropped),
 * false to let the caller drop them the ordinary way.
 *
 * fsdax counts are 1-based, so the interesting transition is to 1: the
 * page is idle again and a truncation waiting in dax_wait_page_idle() may
 * go on. The waiter's and this side's barriers pair as in wake_up_var():
 *
 *	CPU 0 (unpin, this function)		CPU 1 (dax_wait_page_idle)
 *	page_ref_sub_return(page, refs)		prepare_to_wait_var(&page->_refcount)
 *	  [fully ordered: the new count,	  [smp_store_mb: the waiter record,
 *	   then smp_mb()]			   then smp_mb()]
 *	wake_up_var(&page->_refcount)		if (page_ref_count(page) == 1)
 *	  reads CPU 1's record			  done, else schedule()
 *
 * Either CPU 1 reads 1 or CPU 0 finds CPU 1's record and wakes it. A put
 * that drops the count without this check (folio_put_refs() on an fsdax
 * page: GUP's unpin before FIX_DEVMAP_PUT_REFS) reaches 1 with nobody
 * woken, and the truncation sleeps for ever.
 */
bool __put_devmap_managed_page_refs(struct page *page, int refs)
{
	int count;

	if (page_pgmap(page)->type != MEMORY_DEVICE_FS_DAX)
		return false;

	count = page_ref_sub_return(page, refs);
	if (unlikely(count < 1)) {
		/* below 1: the file's own reference is gone (0 passes page_ref's check) */
		page_ref_misuse(page, MMULAB_REF_UNDERFLOW, count + refs);
	} else if (count == 1) {
		/* fsdax pages are not "freed" (no ->page_free): the file still has them */
		wake_up_var(&page->_refcount);
	}
	return true;
}

/*
 * The count of a ZONE_DEVICE folio reached 0 (__folio_put()). fsdax pages
 * never get there legitimately: whoever dropped the last reference dropped
 * the one the page holds while it exists, through a put that does not know
 * about 1-based counts. Report it as an underflow of the 1-based count.
 */
void free_zone_device_folio(struct folio *folio)
{
	page_ref_misuse(&folio->page, MMULAB_REF_UNDERFLOW, 0);
	/* fatal; should the emulator go on, the page is idle again, not freed */
	set_page_count(&folio->page, 1);
}
