// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * get_user_pages and pins, after Linux's mm/gup.c.
 *
 * This file has two parts: the reference part (below, first), which takes
 * and drops the references and pins GUP hands out, and the page-table
 * walkers (GUP-fast, __get_user_pages, follow_page), which find the pages
 * and come after it.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/irqflags.h>

/* ====================================================================== */
/* References and pins: FOLL_GET / FOLL_PIN accounting                    */
/*                                                                        */
/* A FOLL_GET reference is a plain refcount reference (put_page()). A      */
/* FOLL_PIN pin is one too, plus a mark that says "maybe under DMA"        */
/* (folio_maybe_dma_pinned()): on an order-0 folio GUP_PIN_COUNTING_BIAS   */
/* references in all, on a large folio one reference and one _pincount.    */
/* Pins are dropped only with unpin_user_page(s)/unpin_folio().            */
/*                                                                        */
/* Ordering: the slow path grabs under the page-table lock, which keeps    */
/* the folio alive, so a relaxed add is enough; GUP-fast grabs with no     */
/* lock and must make the reference visible before it rechecks the page    */
/* table (and fail on a count of 0): a fully ordered add-unless-zero.      */
/* ====================================================================== */

/*
 * The slow path's add. The caller keeps the folio alive (it holds the
 * page-table lock, or a reference of its own), so the count is not 0 and
 * a plain, relaxed folio_ref_add() is right (FIX_TRY_GRAB_SLOW, Linux
 * 6.10's "stop abusing try_grab_folio"). Before that fix the slow path
 * shared GUP-fast's folio_ref_try_add_rcu(), which is meant for RCU
 * readers only: with CONFIG_TINY_RCU it is a plain add guarded by
 * VM_BUG_ON(!in_atomic() && !irqs_disabled()). Under the page-table lock
 * in_atomic() holds, but a caller that only holds a reference
 * (memfd_pin_folios()) runs preemptible, and it BUGs.
 */
static inline bool gup_slow_ref_add(struct folio *folio, int refs)
{
#ifdef FIX_TRY_GRAB_SLOW
	folio_ref_add(folio, refs);
	return true;
#else
	return folio_ref_try_add_rcu(folio, refs);
#endif
}

int try_grab_folio(struct folio *folio, int refs, unsigned int flags)
{
	if (WARN_ON_ONCE(folio_ref_count(folio) <= 0))
		return -ENOMEM;

	if (flags & FOLL_GET) {
		if (!gup_slow_ref_add(folio, refs))
			return -EAGAIN;
	} else if (flags & FOLL_PIN) {
		if (folio_test_large(folio)) {
			if (!gup_slow_ref_add(folio, refs))
				return -EAGAIN;
			atomic_add(refs, &folio->_pincount);
		} else {
			if (!gup_slow_ref_add(folio, refs * GUP_PIN_COUNTING_BIAS))
				return -EAGAIN;
		}
	}
	return 0;
}

/*
 * try_get_folio - GUP-fast's speculative reference: the page was read from
 * a page table without a lock, so its folio may be freed, frozen, or split
 * meanwhile. folio_ref_try_add_rcu() fails on a count of 0 and is fully
 * ordered when it succeeds; a folio that stopped being the page's folio
 * (split) gets its references back and the lookup is redone.
 */
static struct folio *try_get_folio(struct page *page, int refs)
{
	struct folio *folio;

retry:
	folio = page_folio(page);
	if (WARN_ON_ONCE(folio_ref_count(folio) < 0))
		return NULL;
	if (unlikely(!folio_ref_try_add_rcu(folio, refs)))
		return NULL;
	if (unlikely(page_folio(page) != folio)) {
		gup_put_folio(folio, refs, FOLL_GET);
		goto retry;
	}
	return folio;
}

struct folio *try_grab_folio_fast(struct page *page, int refs, unsigned int flags)
{
	struct folio *folio;

	/* interrupts off keep page tables from being freed under us (x86: no IPI ack) */
	VM_WARN_ON(!irqs_disabled());

	if (WARN_ON_ONCE((flags & (FOLL_GET | FOLL_PIN)) == 0))
		return NULL;

	if (flags & FOLL_GET)
		return try_get_folio(page, refs);

	/* FOLL_PIN: first the plain references, then the pin mark */
	folio = try_get_folio(page, refs);
	if (!folio)
		return NULL;

	/* an fsdax page pinned for good would block truncation for ever */
	if (unlikely((flags & FOLL_LONGTERM) && !folio_is_longterm_pinnable(folio))) {
		gup_put_folio(folio, refs, FOLL_GET);
		return NULL;
	}

	/*
	 * The references are held, so these adds cannot race with a free:
	 * relaxed, made fully ordered by smp_mb__after_atomic() so that a
	 * reader of folio_maybe_dma_pinned() after our recheck sees the pin.
	 */
	if (folio_test_large(folio))
		atomic_add(refs, &folio->_pincount);
	else
		folio_ref_add(folio, refs * (GUP_PIN_COUNTING_BIAS - 1));
	smp_mb__after_atomic();

	return folio;
}

/*
 * gup_put_folio - drop refs references (FOLL_GET) or pins (FOLL_PIN).
 *
 * fsdax pages count from 1 and a waiter for the count to get back to 1
 * must be woken: FIX_DEVMAP_PUT_REFS routes every put through
 * put_devmap_managed_page_refs() (Linux 5.19's "fix missing wake-up event
 * for FSDAX pages"). Without it, an unpin subtracts the bias with
 * folio_put_refs(), which only looks for 0: the bias + 1 -> 1 transition
 * passes unnoticed and nobody wakes the truncation waiting for it.
 */
void gup_put_folio(struct folio *folio, int refs, unsigned int flags)
{
	if (flags & FOLL_PIN) {
		if (folio_test_large(folio))
			atomic_sub(refs, &folio->_pincount);
		else
			refs *= GUP_PIN_COUNTING_BIAS;
	}

#ifdef FIX_DEVMAP_PUT_REFS
	if (put_devmap_managed_page_refs(&folio->page, refs))
		return;
#endif
	folio_put_refs(folio, refs);
}

/* a pinned page must be the one its pin was counted on: a live, pinned folio */
static void sanity_check_pinned_folio(struct folio *folio, int refs)
{
	VM_BUG_ON_FOLIO(folio_ref_count(folio) < 1, folio);
	if (folio_test_large(folio))
		VM_BUG_ON_FOLIO(atomic_read(&folio->_pincount) < refs, folio);
	else
		VM_BUG_ON_FOLIO((unsigned int)folio_ref_count(folio) <
				(unsigned int)refs * GUP_PIN_COUNTING_BIAS, folio);
}

/* unpin_user_page - drop a pin taken with FOLL_PIN on page */
void unpin_user_page(struct page *page)
{
	struct folio *folio = page_folio(page);

	sanity_check_pinned_folio(folio, 1);
	gup_put_folio(folio, 1, FOLL_PIN);
}

/* unpin_folio - drop a pin taken on a whole folio (memfd_pin_folios()) */
void unpin_folio(struct folio *folio)
{
	sanity_check_pinned_folio(folio, 1);
	gup_put_folio(folio, 1, FOLL_PIN);
}

/*
 * The folio of pages[i] and how many of the following entries are pages
 * of the same folio (Linux's gup_folio_next()): one put per folio run.
 */
static struct folio *gup_folio_next(struct page **pages, unsigned long npages,
				    unsigned long i, unsigned int *ntails)
{
	struct folio *folio = page_folio(pages[i]);
	unsigned int nr;

	for (nr = i + 1; nr < npages; nr++) {
		if (page_folio(pages[nr]) != folio)
			break;
	}
	*ntails = nr - i;
	return folio;
}

/* unpin_user_pages - drop one pin per entry of pages[0..npages) */
void unpin_user_pages(struct page **pages, unsigned long npages)
{
	unsigned long i;
	struct folio *folio;
	unsigned int nr;

	for (i = 0; i < npages; i += nr) {
		folio = gup_folio_next(pages, npages, i, &nr);
		sanity_check_pinned_folio(folio, nr);
		gup_put_folio(folio, nr, FOLL_PIN);
	}
}

/* ====================================================================== */
/* Page-table walkers (GUP-fast, __get_user_pages, follow_page) go here.   */
/* ====================================================================== */
