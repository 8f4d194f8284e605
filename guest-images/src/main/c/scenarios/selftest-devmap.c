// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-devmap: fsdax-like ZONE_DEVICE pages with 1-based refcounts
 * (<linux/memremap.h>, mm/memremap.c) and the truncation wait of
 * file-system DAX (<linux/dax.h>, fs/dax.c).
 *
 * Before the checkpoint (scenario_setup, CPU 0), single-threaded:
 *   memremap_pages() of NR_DEV pages: each is ZONE_DEVICE, fsdax, points
 *   at the pgmap, order 0, idle at refcount 1; an ordinary page is none of
 *   these. get_page/put_page (2 and back to 1, nothing freed), FOLL_GET
 *   and FOLL_PIN through try_grab_folio (1 + refs, 1 + bias) and their
 *   puts (gup_put_folio, unpin_user_page); folio_maybe_dma_pinned;
 *   GUP-fast refuses FOLL_LONGTERM pins of fsdax pages; the DAX mapping
 *   (a file of NR_DEV pages) reports a held page as busy, idle ones not.
 *   Then page 0 is pinned and page 1 referenced, held across the
 *   checkpoint.
 *
 * Explored (every CPU at once):
 *   CPU 0 (the pin holder) after a while unpins page 0 and puts page 1;
 *   every other CPU pins page 2 and unpins it (concurrent pins: the count
 *   goes 1 + k * bias -> ... -> 1, only the last put reaching 1), then,
 *   as a truncation, waits in dax_break_layout() for the whole file to be
 *   idle: it sleeps on a busy page's refcount until the put that brings
 *   it to 1 wakes it (on another CPU).
 *   After a barrier CPU 0 checks every page is idle, and memunmap_pages()
 *   gives the range back to the buddy allocator.
 *
 * Built with FIX_DEVMAP_PUT_REFS (and FIX_TRY_GRAB_SLOW): the kernel under
 * test is the fixed one. The "badput" variant (selftest-devmap-badput.elf)
 * instead drops the reference an idle fsdax page has of itself, which the
 * refcount oracle must report as an underflow of the 1-based count.
 */
//! cflags: -DFIX_TRY_GRAB_SLOW -DFIX_DEVMAP_PUT_REFS
//! variant badput: -DSELFTEST_DEVMAP_BAD_PUT
#include "selftest.h"
#include <linux/dax.h>
#include <linux/memremap.h>

#define NR_DEV	4
#define BIAS	((int)GUP_PIN_COUNTING_BIAS)

static struct dev_pagemap pgmap = {
	.type = MEMORY_DEVICE_FS_DAX,
	.nr_pages = NR_DEV,
};
static struct address_space file;
static struct page *dev;		/* the first device page */
static struct selftest_barrier grabbed_barrier, done_barrier;

#define CHECK_REF(page, ref, what)							\
	CHECK(page_ref_count(page) == (ref), "%s: pfn %#lx refcount %d, expected %d",	\
	      what, page_to_pfn(page), page_ref_count(page), (int)(ref))

static void check_setup(void)
{
	struct page *plain = alloc_page(GFP_KERNEL);
	unsigned long i;
	void *addr;

	addr = memremap_pages(&pgmap, 0);
	CHECK(addr, "memremap_pages failed");
	dev = virt_to_page(addr);
	CHECK(pgmap.range.start == page_to_phys(dev) && range_len(&pgmap.range) == NR_DEV * PAGE_SIZE,
	      "pgmap range %#llx-%#llx", pgmap.range.start, pgmap.range.end);
	for (i = 0; i < NR_DEV; i++) {
		struct page *page = dev + i;

		CHECK(is_zone_device_page(page) && page_zonenum(page) == ZONE_DEVICE, "pfn %#lx not ZONE_DEVICE",
		      page_to_pfn(page));
		CHECK(is_fsdax_page(page) && folio_is_fsdax(page_folio(page)), "pfn %#lx not fsdax",
		      page_to_pfn(page));
		CHECK(page_pgmap(page) == &pgmap, "pfn %#lx: pgmap %p", page_to_pfn(page), page_pgmap(page));
		CHECK(!PageCompound(page) && page_folio(page) == (struct folio *)page, "pfn %#lx compound",
		      page_to_pfn(page));
		CHECK(!folio_is_longterm_pinnable(page_folio(page)), "fsdax page long-term pinnable");
		CHECK_REF(page, 1, "idle device page");
		CHECK(!folio_maybe_dma_pinned(page_folio(page)), "idle device page looks pinned");
		/* the file's page i is device page i */
		xa_store(&file.i_pages, i, dax_make_entry(page_to_pfn(page)), GFP_KERNEL);
	}
	CHECK(plain && !is_zone_device_page(plain) && page_zonenum(plain) == ZONE_NORMAL &&
	      folio_is_longterm_pinnable(page_folio(plain)), "an ordinary page looks like device memory");
	__free_pages(plain, 0);
}

static void check_refs(void)
{
	struct page *page = dev + 3;
	struct folio *folio = page_folio(page);
	unsigned long free_now = nr_free_pages();
	unsigned long irqflags;
	struct folio *fast;

	get_page(page);
	CHECK_REF(page, 2, "get_page");
	CHECK(dax_layout_busy_page_range(&file, 0, NR_DEV - 1) == page, "held page not busy");
	put_page(page);
	CHECK_REF(page, 1, "put_page back to idle");
	CHECK(nr_free_pages() == free_now, "put_page to 1 freed something");
	CHECK(!dax_layout_busy_page_range(&file, 0, NR_DEV - 1), "idle file has a busy page");

	CHECK(try_grab_folio(folio, 2, FOLL_GET) == 0, "FOLL_GET");
	CHECK_REF(page, 3, "FOLL_GET x2");
	CHECK(!folio_maybe_dma_pinned(folio), "references look like a pin");
	gup_put_folio(folio, 2, FOLL_GET);
	CHECK_REF(page, 1, "gup_put_folio FOLL_GET x2");

	CHECK(try_grab_folio(folio, 1, FOLL_PIN | FOLL_WRITE) == 0, "FOLL_PIN");
	CHECK_REF(page, 1 + BIAS, "FOLL_PIN");
	CHECK(folio_maybe_dma_pinned(folio), "pinned device page not pinned");
	CHECK(dax_layout_busy_page_range(&file, 0, NR_DEV - 1) == page, "pinned page not busy");
	CHECK(try_grab_folio(folio, 1, FOLL_PIN) == 0, "second FOLL_PIN");
	CHECK_REF(page, 1 + 2 * BIAS, "FOLL_PIN x2");
	unpin_user_page(page);
	unpin_user_page(page);
	CHECK_REF(page, 1, "unpinned");
	CHECK(!folio_maybe_dma_pinned(folio), "unpinned device page still pinned");

	/* GUP-fast: short-term pins are fine, long-term ones are refused and undone */
	local_irq_save(irqflags);
	fast = try_grab_folio_fast(page, 1, FOLL_PIN | FOLL_LONGTERM);
	local_irq_restore(irqflags);
	CHECK(!fast, "FOLL_LONGTERM pin of an fsdax page");
	CHECK_REF(page, 1, "refused long-term pin");
	local_irq_save(irqflags);
	fast = try_grab_folio_fast(page, 1, FOLL_PIN);
	local_irq_restore(irqflags);
	CHECK(fast == folio, "fast FOLL_PIN");
	CHECK_REF(page, 1 + BIAS, "fast FOLL_PIN");
	unpin_folio(folio);
	CHECK_REF(page, 1, "unpin_folio");
	/* the waiter returns at once on an idle page */
	dax_wait_page_idle(page);
	CHECK(dax_break_layout(&file, 0, NR_DEV - 1) == 0, "dax_break_layout");
}

void scenario_setup(void)
{
	address_space_init_once(&file);
	check_setup();
	check_refs();
#ifdef SELFTEST_DEVMAP_BAD_PUT
	/* the reference the idle page has of itself: the oracle reports the drop to 0 */
	put_page(dev + 1);
	CHECK(0, "put_page of an idle fsdax page was not reported");
#endif
	/* held across the checkpoint: a pin on page 0, a reference on page 1 */
	CHECK(try_grab_folio(page_folio(dev), 1, FOLL_PIN) == 0, "FOLL_PIN page 0");
	get_page(dev + 1);
	pr_info("selftest-devmap: API ok, device pfns %#lx-%#lx\n", page_to_pfn(dev),
		page_to_pfn(dev) + NR_DEV - 1);
}

int scenario_main(unsigned int cpu)
{
	unsigned long i;

	if (cpu == 0) {
		selftest_barrier(&grabbed_barrier);
		selftest_delay(8);
		unpin_user_page(dev);
		selftest_delay(4);
		put_page(dev + 1);
	} else {
		struct page *page = dev + 2;

		CHECK(try_grab_folio(page_folio(page), 1, FOLL_PIN) == 0, "cpu %u: FOLL_PIN page 2", cpu);
		CHECK(page_ref_count(page) >= 1 + BIAS && folio_maybe_dma_pinned(page_folio(page)),
		      "cpu %u: our pin: refcount %d", cpu, page_ref_count(page));
		/*
		 * Every pin is taken before anyone truncates: dax_break_layout()
		 * waits for the holders it can see, it does not stop new pins
		 * (Linux's truncation unmaps first so no new GUP finds the page).
		 */
		selftest_barrier(&grabbed_barrier);
		unpin_user_page(page);
	}
	/* every CPU truncates: sleeps until the holders above are done */
	CHECK(dax_break_layout(&file, 0, NR_DEV - 1) == 0, "dax_break_layout");
	for (i = 0; i < NR_DEV; i++)
		CHECK_REF(dev + i, 1, "after dax_break_layout");

	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		unsigned long before = nr_free_pages();

		/* the file keeps its (now stale) entries: it is never used again */
		memunmap_pages(&pgmap);
		CHECK(nr_free_pages() == before + NR_DEV, "memunmap_pages gave back %lu pages, not %d",
		      nr_free_pages() - before, NR_DEV);
		CHECK(!is_zone_device_page(dev) && page_ref_count(dev) == 0,
		      "returned page still ZONE_DEVICE or held: refcount %d", page_ref_count(dev));
		pr_info("selftest-devmap: %u CPUs ok\n", nr_cpu_ids);
	}
	return 0;
}
