/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reference counts of struct page and struct folio (_refcount), Linux's
 * <linux/page_ref.h> with its ordering contract:
 *
 *   relaxed (no ordering)        page_ref_add/sub/inc/dec, folio_ref_add,
 *                                folio_ref_sub, folio_ref_inc/dec, folio_get
 *   fully ordered                *_return, *_and_test, folio_put,
 *                                folio_put_refs, folio_ref_add_unless and
 *                                folio_try_get (when they succeed),
 *                                folio_ref_freeze
 *   release                      folio_ref_unfreeze
 *
 * arm64 with LSE: the relaxed ones are LDADD (no A/L: the old value is
 * kept for the misuse check below, the ordering is STADD's), the ordered
 * ones LDADDAL / CASAL; x86-64: LOCK XADD / LOCK CMPXCHG, full barriers
 * whatever the C says.
 *
 * Misuse goes to the emulator's refcount oracle (HC_REFCOUNT, fatal), with
 * the value the offending operation found, as lib/refcount.c does for
 * refcount_t:
 *   an increment that finds 0          MMULAB_REF_INC_FROM_ZERO (the page is
 *                                      free, or frozen: a use after free)
 *   a decrement below 0                MMULAB_REF_UNDERFLOW
 *   an increment of a negative count, or one that wraps past INT_MAX
 *                                      MMULAB_REF_SATURATED
 * Linux checks the first and last with VM_BUG_ON_FOLIO(
 * folio_ref_zero_or_close_to_overflow()) before a plain atomic_inc(), and
 * the second with VM_BUG_ON_PAGE in put_page_testzero(); reading the old
 * value from the atomic itself also catches the racy cases.
 *
 * The conditional helpers never increment from 0: folio_try_get() and
 * folio_ref_add_unless(f, n, 0) fail instead, which is what lockless
 * lookups (filemap_get_entry, GUP-fast) rely on.
 */
#ifndef _LINUX_PAGE_REF_H
#define _LINUX_PAGE_REF_H

#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <mmulab/hypercall.h>

/* HC_REFCOUNT(kind, &page->_refcount, old); mm/page_alloc.c */
void __cold page_ref_misuse(const struct page *page, unsigned long kind, int old);

/* old + nr without C's signed-overflow rules (-fwrapv is not used) */
static __always_inline int __page_ref_wrap_add(int old, int nr)
{
	return (int)((unsigned int)old + (unsigned int)nr);
}

/* after an increment by nr (nr > 0) that found old */
static __always_inline void __page_ref_check_inc(const struct page *page, int old, int nr)
{
	if (unlikely(old == 0))
		page_ref_misuse(page, MMULAB_REF_INC_FROM_ZERO, old);
	else if (unlikely(old < 0 || __page_ref_wrap_add(old, nr) < 0))
		page_ref_misuse(page, MMULAB_REF_SATURATED, old);
}

/* after a decrement by nr that found old */
static __always_inline void __page_ref_check_dec(const struct page *page, int old, int nr)
{
	if (unlikely(old < nr))
		page_ref_misuse(page, MMULAB_REF_UNDERFLOW, old);
}

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int folio_ref_count(const struct folio *folio)
{
	return page_ref_count(&folio->page);
}

static inline int page_count(const struct page *page)
{
	/* the count of a compound page lives in its head */
	unsigned long head = READ_ONCE(page->compound_head);

	if (head & 1)
		page = (const struct page *)(head - 1);
	return page_ref_count(page);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void folio_set_count(struct folio *folio, int v)
{
	set_page_count(&folio->page, v);
}

/* a freshly allocated page: the allocator hands it out with one reference */
static inline void set_page_refcounted(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) != 0);
	set_page_count(page, 1);
}

/* relaxed */
static inline void page_ref_add(struct page *page, int nr)
{
	int old = atomic_fetch_add_relaxed(nr, &page->_refcount);

	__page_ref_check_inc(page, old, nr);
}

static inline void folio_ref_add(struct folio *folio, int nr)
{
	page_ref_add(&folio->page, nr);
}

static inline void page_ref_sub(struct page *page, int nr)
{
	int old = atomic_fetch_sub_relaxed(nr, &page->_refcount);

	__page_ref_check_dec(page, old, nr);
}

static inline void folio_ref_sub(struct folio *folio, int nr)
{
	page_ref_sub(&folio->page, nr);
}

static inline void page_ref_inc(struct page *page)
{
	page_ref_add(page, 1);
}

static inline void folio_ref_inc(struct folio *folio)
{
	page_ref_add(&folio->page, 1);
}

static inline void page_ref_dec(struct page *page)
{
	page_ref_sub(page, 1);
}

static inline void folio_ref_dec(struct folio *folio)
{
	page_ref_sub(&folio->page, 1);
}

/* fully ordered */
static inline int page_ref_sub_return(struct page *page, int nr)
{
	int old = atomic_fetch_sub(nr, &page->_refcount);

	__page_ref_check_dec(page, old, nr);
	return old - nr;
}

static inline int folio_ref_sub_return(struct folio *folio, int nr)
{
	return page_ref_sub_return(&folio->page, nr);
}

static inline bool page_ref_sub_and_test(struct page *page, int nr)
{
	return page_ref_sub_return(page, nr) == 0;
}

static inline bool folio_ref_sub_and_test(struct folio *folio, int nr)
{
	return page_ref_sub_and_test(&folio->page, nr);
}

static inline int page_ref_inc_return(struct page *page)
{
	int old = atomic_fetch_add(1, &page->_refcount);

	__page_ref_check_inc(page, old, 1);
	return old + 1;
}

static inline int folio_ref_inc_return(struct folio *folio)
{
	return page_ref_inc_return(&folio->page);
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return page_ref_sub_return(page, 1) == 0;
}

static inline bool folio_ref_dec_and_test(struct folio *folio)
{
	return page_ref_dec_and_test(&folio->page);
}

static inline int page_ref_dec_return(struct page *page)
{
	return page_ref_sub_return(page, 1);
}

static inline int folio_ref_dec_return(struct folio *folio)
{
	return page_ref_dec_return(&folio->page);
}

/*
 * Add nr unless the count is u (fully ordered when it adds; a failed
 * attempt orders nothing). With u == 0 this is the speculative get of
 * lockless lookups: a free (or frozen) page is never revived.
 */
static inline bool page_ref_add_unless(struct page *page, int nr, int u)
{
	int old = atomic_fetch_add_unless(&page->_refcount, nr, u);

	if (old == u)
		return false;
	if (unlikely(old < 0 || __page_ref_wrap_add(old, nr) < 0))
		page_ref_misuse(page, MMULAB_REF_SATURATED, old);
	return true;
}

static inline bool folio_ref_add_unless(struct folio *folio, int nr, int u)
{
	return page_ref_add_unless(&folio->page, nr, u);
}

/* Take the count from count to 0 (fully ordered) if nobody else holds one. */
static inline bool page_ref_freeze(struct page *page, int count)
{
	return likely(atomic_cmpxchg(&page->_refcount, count, 0) == count);
}

static inline bool folio_ref_freeze(struct folio *folio, int count)
{
	return page_ref_freeze(&folio->page, count);
}

/* Undo a freeze (release: the frozen section's stores come first). */
static inline void page_ref_unfreeze(struct page *page, int count)
{
	VM_BUG_ON(page_ref_count(page) != 0);
	VM_BUG_ON(count == 0);
	atomic_set_release(&page->_refcount, count);
}

static inline void folio_ref_unfreeze(struct folio *folio, int count)
{
	page_ref_unfreeze(&folio->page, count);
}

/* the caller already holds a reference: relaxed */
static inline void folio_get(struct folio *folio)
{
	folio_ref_inc(folio);
}

/*
 * folio_try_get - try to take a reference on a folio found without one
 * (under RCU, from the page cache or a page table). False when the count
 * is 0: the folio is being freed or is frozen; the caller retries its
 * lookup. On success fully ordered, so the caller's recheck (xas_reload,
 * the pte/pmd recheck) reads after the reference is visible.
 */
static inline bool folio_try_get(struct folio *folio)
{
	return folio_ref_add_unless(folio, 1, 0);
}

/*
 * folio_ref_try_add_rcu - take count references on a folio found under
 * RCU. With CONFIG_TINY_RCU (a single CPU, and rcu_read_lock() is
 * preempt_disable()) nothing can free the folio while the caller cannot be
 * preempted, so a plain (relaxed) add suffices -- and calling it from
 * preemptible context is a bug: VM_BUG_ON(!in_atomic() && !irqs_disabled()).
 * Otherwise the speculative, fully ordered add_unless(0).
 */
static inline bool folio_ref_try_add_rcu(struct folio *folio, int count)
{
#ifdef CONFIG_TINY_RCU
# ifdef CONFIG_PREEMPT_COUNT
	VM_BUG_ON(!in_atomic() && !irqs_disabled());
# endif
	VM_BUG_ON(folio_ref_count(folio) == 0);
	folio_ref_add(folio, count);
#else
	if (unlikely(!folio_ref_add_unless(folio, count, 0))) {
		/* freed, or about to be: the caller looks again */
		return false;
	}
#endif
	return true;
}

static inline bool folio_try_get_rcu(struct folio *folio)
{
	return folio_ref_try_add_rcu(folio, 1);
}

/* Linux's newer name for folio_ref_try_add_rcu() */
#define folio_ref_try_add(folio, count)	folio_ref_try_add_rcu(folio, count)

#endif /* _LINUX_PAGE_REF_H */
