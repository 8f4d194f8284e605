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
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/mmap_lock.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
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

/* ========================================================================
 * The page-table walkers.
 *
 * Slow GUP (__get_user_pages): under mmap_read_lock, follow_page_mask()
 * walks the tables with page_table_lock, faulting missing pages in
 * (fixup_user_fault); references are taken with try_grab_folio().
 *
 * GUP-fast (gup_fast): no locks at all, interrupts masked. The walk reads
 * each level once (pmdp_get/ptep_get), grabs the folio speculatively with
 * try_grab_folio_fast() (a fully ordered add-unless-zero), then rechecks
 * that the entries it went through are unchanged. Masked interrupts are
 * what keep the page tables it walks alive: on x86 a page-table free or
 * THP collapse is preceded by a TLB-shootdown IPI that cannot complete
 * until this CPU unmasks; on arm64 the TLBIs are broadcast and wait for
 * nobody, so freeing a table needs an explicit IPI (tlb_remove_table_sync_one)
 * or an RCU grace period (an IRQs-off region holds RCU off here too).
 *
 * The PMD recheck (FIX_GUP_PMD_RECHECK) closes the race with collapse:
 *
 *   CPU 0 (gup_fast)                  CPU 1 (collapse_huge_page)
 *   local_irq_save()
 *   pmd = *pmdp   (pte table)
 *   pte = *ptep   (page P)
 *                                     pmdp_collapse_flush(): *pmdp = 0,
 *                                     TLBI (arm64: no IPI, no wait)
 *                                     isolate: P's refcount == mapcount,
 *                                     no pins: go on
 *   try_grab_folio_fast(P)
 *   pte == *ptep: still P
 *   (no pmd recheck: success)
 *                                     copy P into the huge folio, clear
 *                                     the ptes, drop P, map the huge pmd
 *   P is pinned but no longer mapped: the caller's DMA goes nowhere.
 *
 * With the recheck, CPU 0 sees *pmdp != pmd and backs off; it needs the
 * grab to be ordered before the recheck read (and CPU 1's clear before its
 * refcount read), else both can miss each other: gup-fast-barrier.
 */

/* ------------------------------------------------------------------------
 * Slow GUP
 */

/*
 * A huge pmd: the page within the THP. Its reference is taken after the
 * lock is dropped: under mmap_read_lock nothing can unmap or collapse the
 * pmd (both need the mmap_lock for write), so the folio stays mapped and
 * referenced meanwhile -- a stable reference, which is why the fixed
 * try_grab_folio() adds directly instead of using the RCU-only helper.
 */
static struct page *follow_huge_pmd(struct vm_area_struct *vma, unsigned long address,
				    pmd_t pmdval, unsigned int flags)
{
	struct page *page = pfn_to_page(pmd_pfn(pmdval)) + ((address & ~HPAGE_PMD_MASK) >> PAGE_SHIFT);

	mmap_assert_locked(vma->vm_mm);
	if ((flags & FOLL_WRITE) && !pmd_write(pmdval))
		return NULL;
	if (try_grab_folio(page_folio(page), 1, flags))
		return ERR_PTR(-ENOMEM);
	return page;
}

static struct page *follow_page_pte(struct vm_area_struct *vma, unsigned long address,
				    pmd_t *pmd, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page = NULL;
	pte_t pte;

	spin_lock(&mm->page_table_lock);
	/* the pmd may have changed since the caller looked (collapse) */
	if (!pmd_present(pmdp_get(pmd)) || pmd_leaf(pmdp_get(pmd)))
		goto out;
	pte = ptep_get(pte_offset_map(pmd, address));
	if (!pte_present(pte) || ((flags & FOLL_WRITE) && !pte_write(pte)))
		goto out;
	page = pfn_to_page(pte_pfn(pte));
	/* under the pte lock: the entry, and so the folio, cannot go away */
	if (try_grab_folio(page_folio(page), 1, flags))
		page = ERR_PTR(-ENOMEM);
out:
	spin_unlock(&mm->page_table_lock);
	return page;
}

/* the page mapped at address with a reference taken, NULL: fault it in */
static struct page *follow_page_mask(struct vm_area_struct *vma, unsigned long address,
				     unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *pmd = mm_find_pmd(mm, address);
	pmd_t pmdval;

	if (!pmd)
		return NULL;
	spin_lock(&mm->page_table_lock);
	pmdval = pmdp_get(pmd);
	spin_unlock(&mm->page_table_lock);
	if (!pmd_present(pmdval))
		return NULL;
	if (pmd_trans_huge(pmdval))
		return follow_huge_pmd(vma, address, pmdval, flags);
	return follow_page_pte(vma, address, pmd, flags);
}

static bool vma_permits(struct vm_area_struct *vma, unsigned int flags)
{
	if ((flags & FOLL_WRITE) && !(vma->vm_flags & VM_WRITE))
		return false;
	return vma->vm_flags & (VM_READ | VM_WRITE);
}

/*
 * Reference nr_pages pages of mm from start, faulting them in as needed;
 * the number referenced, or an error if none. mmap_lock held for read.
 */
long __get_user_pages(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
		      unsigned int gup_flags, struct page **pages)
{
	long i = 0;

	mmap_assert_locked(mm);
	start &= PAGE_MASK;
	for (; i < (long)nr_pages; i++, start += PAGE_SIZE) {
		struct vm_area_struct *vma = vma_lookup(mm, start);
		struct page *page;
		int tries = 0;

		if (!vma || !vma_permits(vma, gup_flags))
			return i ? i : -EFAULT;
		while (!(page = follow_page_mask(vma, start, gup_flags))) {
			int err;

			/* at most one fault per page: a second miss is a bug here */
			if (WARN_ON_ONCE(tries++))
				return i ? i : -EFAULT;
			err = fixup_user_fault(mm, start, (gup_flags & FOLL_WRITE) ? FAULT_FLAG_WRITE : 0);
			if (err)
				return i ? i : err;
		}
		if (IS_ERR(page))
			return i ? i : PTR_ERR(page);
		if (pages)
			pages[i] = page;
	}
	return i;
}

static long __gup_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			 unsigned int gup_flags, struct page **pages)
{
	long ret;

	mmap_read_lock(mm);
	ret = __get_user_pages(mm, start, nr_pages, gup_flags, pages);
	mmap_read_unlock(mm);
	return ret;
}

long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages)
{
	return __gup_remote(mm, start, nr_pages, gup_flags | FOLL_GET, pages);
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages)
{
	return __gup_remote(mm, start, nr_pages, gup_flags | FOLL_PIN, pages);
}

long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	return get_user_pages_remote(current->mm, start, nr_pages, gup_flags, pages);
}

long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	return pin_user_pages_remote(current->mm, start, nr_pages, gup_flags, pages);
}

/* ------------------------------------------------------------------------
 * GUP-fast
 */

/*
 * The speculative grab. gup-fast-barrier's buggy build (GUP_FAST_REF_ADD)
 * takes the reference with relaxed ordering, as folio_ref_add() would: an
 * add-unless-zero whose store may still sit in this CPU's store buffer
 * when the recheck loads below read the page tables (arm64; an x86 locked
 * instruction is a full barrier).
 */
#ifdef GUP_FAST_REF_ADD
static bool folio_ref_try_add_relaxed(struct folio *folio, int count)
{
	int old = folio_ref_count(folio);

	do {
		if (!old)
			return false;
	} while (!atomic_try_cmpxchg_relaxed(&folio->_refcount, &old, old + count));
	return true;
}
#endif

static struct folio *gup_fast_grab(struct page *page, unsigned int flags)
{
#ifdef GUP_FAST_REF_ADD
	struct folio *folio = page_folio(page);
	bool large_pin = (flags & FOLL_PIN) && folio_test_large(folio);

	if (!folio_ref_try_add_relaxed(folio, (flags & FOLL_PIN) && !large_pin ?
					       GUP_PIN_COUNTING_BIAS : 1))
		return NULL;
	if (large_pin)
		atomic_add(1, &folio->_pincount);
	return folio;
#else
	return try_grab_folio_fast(page, 1, flags);
#endif
}

static int gup_fast_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr, unsigned long end,
			      unsigned int flags, struct page **pages, int *nr)
{
	pte_t *ptep = (pte_t *)pmd_page_vaddr(pmd) + pte_index(addr);

	do {
		pte_t pte = ptep_get(ptep);
		struct folio *folio;
		struct page *page;

		if (!pte_present(pte) || ((flags & FOLL_WRITE) && !pte_write(pte)))
			return 0;
		page = pfn_to_page(pte_pfn(pte));
		folio = gup_fast_grab(page, flags);
		if (!folio)
			return 0;
		if (
#ifdef FIX_GUP_PMD_RECHECK
		    unlikely(pmd_val(pmd) != pmd_val(pmdp_get(pmdp))) ||
#endif
		    unlikely(pte_val(pte) != pte_val(ptep_get(ptep)))) {
			gup_put_folio(folio, 1, flags);
			return 0;
		}
		pages[(*nr)++] = page;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	return 1;
}

static int gup_fast_pmd_leaf(pmd_t orig, pmd_t *pmdp, unsigned long addr, unsigned long end,
			     unsigned int flags, struct page **pages, int *nr)
{
	struct page *page = pfn_to_page(pmd_pfn(orig)) + ((addr & ~HPAGE_PMD_MASK) >> PAGE_SHIFT);
	int refs = (end - addr) >> PAGE_SHIFT;
	struct folio *folio;
	int i;

	if ((flags & FOLL_WRITE) && !pmd_write(orig))
		return 0;
	folio = try_grab_folio_fast(page, refs, flags);
	if (!folio)
		return 0;
	if (unlikely(pmd_val(orig) != pmd_val(pmdp_get(pmdp)))) {
		gup_put_folio(folio, refs, flags);
		return 0;
	}
	for (i = 0; i < refs; i++)
		pages[(*nr)++] = page + i;
	return 1;
}

static int gup_fast_pmd_range(pud_t pud, unsigned long addr, unsigned long end,
			      unsigned int flags, struct page **pages, int *nr)
{
	pmd_t *pmdp = pud_pgtable(pud) + pmd_index(addr);
	unsigned long next;

	do {
		pmd_t pmd = pmdp_get(pmdp);

		next = pmd_addr_end(addr, end);
		if (!pmd_present(pmd))
			return 0;
		if (pmd_leaf(pmd)) {
			if (!gup_fast_pmd_leaf(pmd, pmdp, addr, next, flags, pages, nr))
				return 0;
		} else if (!gup_fast_pte_range(pmd, pmdp, addr, next, flags, pages, nr)) {
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);
	return 1;
}

static void gup_fast_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
			       unsigned int flags, struct page **pages, int *nr)
{
	pgd_t *pgdp = pgd_offset(mm, addr);
	unsigned long next;

	do {
		pgd_t pgd = pgdp_get(pgdp);
		p4d_t p4d = __p4d(pgd_val(pgd));
		pud_t *pudp;
		unsigned long pnext;

		next = pgd_addr_end(addr, end);
		if (!pgd_present(pgd))
			return;
		pudp = p4d_pgtable(p4d) + pud_index(addr);
		do {
			pud_t pud = pudp_get(pudp);

			pnext = pud_addr_end(addr, next);
			if (!pud_present(pud) || pud_leaf(pud))
				return;
			if (!gup_fast_pmd_range(pud, addr, pnext, flags, pages, nr))
				return;
		} while (pudp++, addr = pnext, addr != next);
	} while (pgdp++, addr = next, addr != end);
}

/*
 * Pages of current->mm without any lock, interrupts masked throughout the
 * walk; the number referenced (a prefix of the range, possibly 0).
 */
static int gup_fast(unsigned long start, unsigned long end, unsigned int flags,
		    struct page **pages)
{
	unsigned long irqflags;
	int nr = 0;

	local_irq_save(irqflags);
	gup_fast_pgd_range(current->mm, start, end, flags, pages, &nr);
	local_irq_restore(irqflags);
	return nr;
}

/* GUP-fast, then the slow path for whatever it could not get */
static int gup_fast_fallback(unsigned long start, unsigned long nr_pages, unsigned int flags,
			     struct page **pages)
{
	unsigned long end = (start & PAGE_MASK) + (nr_pages << PAGE_SHIFT);
	int nr = gup_fast(start & PAGE_MASK, end, flags, pages);
	long ret;

	if (nr == (int)nr_pages)
		return nr;
	mmap_read_lock(current->mm);
	ret = __get_user_pages(current->mm, (start & PAGE_MASK) + ((unsigned long)nr << PAGE_SHIFT),
			       nr_pages - nr, flags, pages + nr);
	mmap_read_unlock(current->mm);
	if (ret < 0)
		return nr ? nr : ret;
	return nr + ret;
}

/* the fast-path-only variant: no fallback, may return 0 */
int get_user_pages_fast_only(unsigned long start, int nr_pages, unsigned int gup_flags,
			     struct page **pages)
{
	return gup_fast(start & PAGE_MASK, (start & PAGE_MASK) + ((unsigned long)nr_pages << PAGE_SHIFT),
			gup_flags | FOLL_GET, pages);
}

int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages)
{
	return gup_fast_fallback(start, nr_pages, gup_flags | FOLL_GET, pages);
}

int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages)
{
	return gup_fast_fallback(start, nr_pages, gup_flags | FOLL_PIN, pages);
}
