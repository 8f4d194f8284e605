// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-gup-ref: GUP's reference API (mm/gup.c, references part) on
 * ordinary folios.
 *
 * Before the checkpoint (scenario_setup, CPU 0), single-threaded, with the
 * refcount and pincount asserted after every step:
 *   order-0 folio  try_grab_folio FOLL_GET (+refs) and FOLL_PIN
 *                  (+refs * GUP_PIN_COUNTING_BIAS), folio_maybe_dma_pinned,
 *                  unpin_user_page, unpin_user_pages (one put for a run of
 *                  entries of the same folio), unpin_folio, gup_put_folio
 *   order-2 folio  FOLL_PIN: +refs on the refcount, +refs on _pincount;
 *                  unpin_user_pages over several of its pages
 *   GUP-fast       try_grab_folio_fast (interrupts off) FOLL_GET, FOLL_PIN,
 *                  FOLL_PIN | FOLL_LONGTERM on both folios; NULL on a
 *                  frozen folio, with the count left at 0
 *   the last folio_put frees both folios
 *
 * Explored (every CPU at once): each CPU pins both shared folios, through
 * the slow and the fast grab in turn, checks folio_maybe_dma_pinned while
 * its pin is held, and unpins; at the end the counts are back where they
 * started.
 *
 * Built with FIX_TRY_GRAB_SLOW (the slow grab is a plain add) and
 * FIX_DEVMAP_PUT_REFS, so the kernel under test is the fixed one. The
 * selftest_gup_* wrappers are out of line so a test can read the atomics
 * the ordering contract gives the grabs (arm64: LDADD/STADD for the slow
 * grab, CASAL for the fast one).
 */
//! cflags: -DFIX_TRY_GRAB_SLOW -DFIX_DEVMAP_PUT_REFS
#include "selftest.h"

#define ROUNDS	3
#define BIAS	((int)GUP_PIN_COUNTING_BIAS)

static struct folio *small, *large;
static struct selftest_barrier done_barrier;
static unsigned long free_before;

noinline int selftest_gup_grab_slow(struct folio *folio, int refs, unsigned int flags)
{
	return try_grab_folio(folio, refs, flags);
}

noinline struct folio *selftest_gup_grab_fast(struct page *page, int refs, unsigned int flags)
{
	struct folio *folio;
	unsigned long irqflags;

	local_irq_save(irqflags);
	folio = try_grab_folio_fast(page, refs, flags);
	local_irq_restore(irqflags);
	return folio;
}

#define CHECK_COUNTS(folio, ref, pin, what) do {					\
	CHECK(folio_ref_count(folio) == (ref), "%s: refcount %d, expected %d", what,	\
	      folio_ref_count(folio), (int)(ref));					\
	if (folio_test_large(folio))							\
		CHECK(atomic_read(&(folio)->_pincount) == (pin),			\
		      "%s: pincount %d, expected %d", what,				\
		      atomic_read(&(folio)->_pincount), (int)(pin));			\
	CHECK(folio_maybe_dma_pinned(folio) == ((pin) > 0),				\
	      "%s: folio_maybe_dma_pinned %d with %d pins", what,			\
	      folio_maybe_dma_pinned(folio), (int)(pin));				\
} while (0)

static void check_small(struct folio *f)
{
	struct page *page = &f->page;
	struct page *pages[3] = { page, page, page };

	CHECK_COUNTS(f, 1, 0, "new order-0 folio");
	CHECK(selftest_gup_grab_slow(f, 2, FOLL_GET) == 0, "FOLL_GET failed");
	CHECK_COUNTS(f, 3, 0, "FOLL_GET x2");
	gup_put_folio(f, 2, FOLL_GET);
	CHECK_COUNTS(f, 1, 0, "put FOLL_GET x2");

	CHECK(selftest_gup_grab_slow(f, 1, FOLL_PIN | FOLL_WRITE) == 0, "FOLL_PIN failed");
	CHECK_COUNTS(f, 1 + BIAS, 1, "FOLL_PIN");
	CHECK(folio_pincount(f) == 1, "folio_pincount %d", folio_pincount(f));
	CHECK(selftest_gup_grab_slow(f, 2, FOLL_PIN) == 0, "FOLL_PIN x2 failed");
	CHECK_COUNTS(f, 1 + 3 * BIAS, 3, "FOLL_PIN x3");
	unpin_user_page(page);
	CHECK_COUNTS(f, 1 + 2 * BIAS, 2, "unpin_user_page");
	unpin_user_pages(pages, 2);
	CHECK_COUNTS(f, 1, 0, "unpin_user_pages of two entries");

	/* a plain reference does not look pinned, nor do a few hundred */
	CHECK(selftest_gup_grab_slow(f, BIAS - 2, FOLL_GET) == 0, "FOLL_GET x%d failed", BIAS - 2);
	CHECK_COUNTS(f, BIAS - 1, 0, "FOLL_GET x(bias - 2)");
	gup_put_folio(f, BIAS - 2, FOLL_GET);

	/* GUP-fast */
	CHECK(selftest_gup_grab_fast(page, 1, FOLL_GET) == f, "fast FOLL_GET failed");
	CHECK_COUNTS(f, 2, 0, "fast FOLL_GET");
	gup_put_folio(f, 1, FOLL_GET);
	CHECK(selftest_gup_grab_fast(page, 3, FOLL_PIN | FOLL_LONGTERM) == f, "fast FOLL_PIN failed");
	CHECK_COUNTS(f, 1 + 3 * BIAS, 3, "fast FOLL_PIN x3");
	unpin_user_pages(pages, 3);
	CHECK_COUNTS(f, 1, 0, "unpin three fast pins");
	CHECK(selftest_gup_grab_fast(page, 1, FOLL_PIN) == f, "fast FOLL_PIN failed");
	unpin_folio(f);
	CHECK_COUNTS(f, 1, 0, "unpin_folio");

	/* a frozen folio (being freed, split, migrated) cannot be grabbed lock-free */
	CHECK(folio_ref_freeze(f, 1), "freeze");
	CHECK(selftest_gup_grab_fast(page, 1, FOLL_PIN) == NULL, "fast FOLL_PIN of a frozen folio");
	CHECK(selftest_gup_grab_fast(page, 1, FOLL_GET) == NULL, "fast FOLL_GET of a frozen folio");
	CHECK(folio_ref_count(f) == 0, "frozen folio's count %d after failed grabs", folio_ref_count(f));
	folio_ref_unfreeze(f, 1);
	CHECK_COUNTS(f, 1, 0, "unfrozen");
}

static void check_large(struct folio *f)
{
	struct page *pages[4] = { folio_page(f, 0), folio_page(f, 1), folio_page(f, 3), folio_page(f, 2) };

	CHECK(folio_test_large(f) && folio_nr_pages(f) == 4, "order-2 folio: %ld pages", folio_nr_pages(f));
	CHECK_COUNTS(f, 1, 0, "new order-2 folio");
	/* a pin through any page of it counts on the folio */
	CHECK(selftest_gup_grab_slow(page_folio(folio_page(f, 2)), 3, FOLL_PIN) == 0, "FOLL_PIN x3 failed");
	CHECK_COUNTS(f, 4, 3, "FOLL_PIN x3");
	CHECK(folio_pincount(f) == 3, "folio_pincount %d", folio_pincount(f));
	unpin_user_pages(pages, 2);
	CHECK_COUNTS(f, 2, 1, "unpin_user_pages of two of its pages");
	unpin_user_page(folio_page(f, 3));
	CHECK_COUNTS(f, 1, 0, "unpin_user_page of a tail page");

	CHECK(selftest_gup_grab_slow(f, 2, FOLL_GET) == 0, "FOLL_GET failed");
	CHECK_COUNTS(f, 3, 0, "FOLL_GET x2: no pin");
	gup_put_folio(f, 2, FOLL_GET);

	CHECK(selftest_gup_grab_fast(folio_page(f, 1), 4, FOLL_PIN | FOLL_LONGTERM) == f,
	      "fast FOLL_PIN through a tail page failed");
	CHECK_COUNTS(f, 5, 4, "fast FOLL_PIN x4");
	unpin_user_pages(pages, 4);
	CHECK_COUNTS(f, 1, 0, "unpin_user_pages of all four pages");
}

void scenario_setup(void)
{
	unsigned long before = nr_free_pages();
	struct folio *a = folio_alloc(GFP_KERNEL, 0), *b = folio_alloc(GFP_KERNEL, 2);

	CHECK(a && b, "folio_alloc failed");
	check_small(a);
	check_large(b);
	folio_put(a);
	folio_put(b);
	CHECK(nr_free_pages() == before, "the last folio_put freed nothing: %lu free, %lu before",
	      nr_free_pages(), before);

	free_before = nr_free_pages();
	small = folio_alloc(GFP_KERNEL, 0);
	large = folio_alloc(GFP_KERNEL, 2);
	CHECK(small && large, "folio_alloc failed");
	pr_info("selftest-gup-ref: API ok\n");
}

/* pin both folios, check the pins show while held, unpin */
static void pinner(unsigned int cpu)
{
	unsigned int round;

	for (round = 0; round < ROUNDS; round++) {
		struct page *sp = &small->page, *lp = folio_page(large, (cpu + round) & 3);
		bool fast = (cpu + round) & 1;

		if (fast) {
			CHECK(selftest_gup_grab_fast(sp, 1, FOLL_PIN) == small, "cpu %u: fast pin (small)", cpu);
			CHECK(selftest_gup_grab_fast(lp, 1, FOLL_PIN) == large, "cpu %u: fast pin (large)", cpu);
		} else {
			CHECK(selftest_gup_grab_slow(small, 1, FOLL_PIN) == 0, "cpu %u: pin (small)", cpu);
			CHECK(selftest_gup_grab_slow(large, 1, FOLL_PIN) == 0, "cpu %u: pin (large)", cpu);
		}
		CHECK(folio_maybe_dma_pinned(small), "cpu %u: small folio holds our pin, count %d", cpu,
		      folio_ref_count(small));
		CHECK(folio_maybe_dma_pinned(large), "cpu %u: large folio holds our pin, pincount %d", cpu,
		      atomic_read(&large->_pincount));
		CHECK(folio_ref_count(small) >= 1 + BIAS, "cpu %u: small count %d", cpu, folio_ref_count(small));
		unpin_user_page(sp);
		unpin_user_page(lp);
	}
}

int scenario_main(unsigned int cpu)
{
	pinner(cpu);
	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		CHECK_COUNTS(small, 1, 0, "small after the race");
		CHECK_COUNTS(large, 1, 0, "large after the race");
		folio_put(small);
		folio_put(large);
		CHECK(nr_free_pages() == free_before, "the folios were not freed: %lu free, %lu before",
		      nr_free_pages(), free_before);
		pr_info("selftest-gup-ref: %u CPUs ok\n", nr_cpu_ids);
	}
	return 0;
}
