// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-gup: get_user_pages, fast and slow, on mapped and unmapped
 * addresses.
 *
 * Before the checkpoint (CPU 0): GUP-fast finds only what is mapped (a
 * hole or a never-touched page stops it; get_user_pages_fast_only returns
 * the prefix); get_user_pages_fast falls back to the slow path, which
 * faults pages in; FOLL_WRITE on a read-only VMA fails; pins on small
 * pages add the bias, pins on a THP count in _pincount; refcounts return
 * to their mapping's share after unpin; GUP of a THP returns its subpages.
 *
 * Explored (every CPU at once, one shared mm): each CPU pins pages of a
 * shared range with GUP-fast and the slow path while the others fault the
 * same pages in; every CPU must get the page that is mapped, and after the
 * unpins each page is referenced by its mapping alone.
 */
//! cflags: -DFIX_GUP_PMD_RECHECK -DFIX_PTFREE_SYNC -DFIX_TRY_GRAB_SLOW -DFIX_VMA_RECHECK -DFIX_DEVMAP_PUT_REFS
#include "selftest.h"
#include <linux/err.h>
#include <linux/mmap_lock.h>
#include <linux/rmap.h>
#include <linux/sched.h>

#define RW_BASE		0x0000000010000000UL
#define RO_BASE		0x0000000020000000UL
#define THP_BASE	0x0000000040000000UL
#define SHARED_BASE	0x0000000050000000UL
#define SHARED_PAGES	4

static struct mm_struct *mm;
static struct selftest_barrier start_barrier, done_barrier;

static struct page *mapped_page(unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);
	pmd_t v;
	pte_t pte;

	if (!pmd || pmd_none(v = pmdp_get(pmd)))
		return NULL;
	if (pmd_trans_huge(v))
		return pfn_to_page(pmd_pfn(v)) + ((addr & ~HPAGE_PMD_MASK) >> PAGE_SHIFT);
	pte = ptep_get(pte_offset_map(pmd, addr));
	return pte_present(pte) ? pfn_to_page(pte_pfn(pte)) : NULL;
}

static void map(unsigned long addr, unsigned long len, unsigned long prot, unsigned long vm_flags)
{
	mmap_write_lock(mm);
	CHECK(do_mmap(mm, NULL, addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, vm_flags, 0) == addr,
	      "mmap at %lx", addr);
	mmap_write_unlock(mm);
}

static void check_gup(void)
{
	struct page *pages[4];
	struct folio *folio;
	long nr;
	int i;

	map(RW_BASE, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
	map(RO_BASE, PAGE_SIZE, PROT_READ, 0);
	map(THP_BASE, HPAGE_PMD_SIZE, PROT_READ | PROT_WRITE, VM_HUGEPAGE);

	/* GUP-fast sees nothing before the first touch, and stops at holes */
	CHECK(get_user_pages_fast_only(RW_BASE, 2, FOLL_WRITE, pages) == 0, "GUP-fast of untouched pages");
	CHECK(put_user(11UL, (unsigned long *)RW_BASE) == 0, "touch");
	nr = get_user_pages_fast_only(RW_BASE, 2, FOLL_WRITE, pages);
	CHECK(nr == 1 && pages[0] == mapped_page(RW_BASE), "GUP-fast prefix: %ld", nr);
	folio = page_folio(pages[0]);
	CHECK(folio_ref_count(folio) == 2, "FOLL_GET: refcount %d", folio_ref_count(folio));
	put_page(pages[0]);

	/* the slow path faults in what GUP-fast could not get */
	nr = pin_user_pages_fast(RW_BASE, 4, FOLL_WRITE, pages);
	CHECK(nr == 4, "pin_user_pages_fast: %ld", nr);
	for (i = 0; i < 4; i++) {
		CHECK(pages[i] == mapped_page(RW_BASE + i * PAGE_SIZE), "page %d is not the mapped one", i);
		folio = page_folio(pages[i]);
		CHECK(folio_ref_count(folio) == 1 + GUP_PIN_COUNTING_BIAS && folio_maybe_dma_pinned(folio),
		      "pinned small folio %d: refcount %d", i, folio_ref_count(folio));
	}
	unpin_user_pages(pages, 4);
	for (i = 0; i < 4; i++)
		CHECK(folio_ref_count(page_folio(pages[i])) == 1 && !folio_maybe_dma_pinned(page_folio(pages[i])),
		      "unpinned folio %d: refcount %d", i, folio_ref_count(page_folio(pages[i])));

	/* read-only VMA: reads pin, writes fail; holes fail */
	CHECK(get_user_pages(RO_BASE, 1, 0, pages) == 1, "read GUP of a read-only VMA");
	put_page(pages[0]);
	CHECK(get_user_pages(RO_BASE, 1, FOLL_WRITE, pages) == -EFAULT, "write GUP of a read-only VMA");
	CHECK(get_user_pages(RO_BASE + PAGE_SIZE, 1, 0, pages) == -EFAULT, "GUP of a hole");
	CHECK(pin_user_pages_fast(RO_BASE + PAGE_SIZE, 1, 0, pages) == -EFAULT, "pin of a hole");

	/* THP: subpages; pins count in _pincount */
	nr = pin_user_pages_remote(mm, THP_BASE + 3 * PAGE_SIZE, 2, FOLL_WRITE, pages);
	CHECK(nr == 2 && pmd_trans_huge(pmdp_get(mm_find_pmd(mm, THP_BASE))), "THP pin: %ld", nr);
	folio = page_folio(pages[0]);
	CHECK(pages[1] == pages[0] + 1 && folio_page(folio, 3) == pages[0], "THP subpages");
	CHECK(folio_pincount(folio) == 2 && folio_ref_count(folio) == 3, "THP pins: pincount %d refcount %d",
	      folio_pincount(folio), folio_ref_count(folio));
	nr = get_user_pages_fast_only(THP_BASE + 5 * PAGE_SIZE, 1, 0, pages + 2);
	CHECK(nr == 1 && page_folio(pages[2]) == folio && folio_ref_count(folio) == 4, "GUP-fast of a THP");
	put_page(pages[2]);
	unpin_user_pages(pages, 2);
	CHECK(folio_pincount(folio) == 0 && folio_ref_count(folio) == 1, "THP unpinned: refcount %d",
	      folio_ref_count(folio));
}

void scenario_setup(void)
{
	mm = mm_alloc();
	CHECK(mm, "mm_alloc");
	kthread_use_mm(mm);
	check_gup();
	map(SHARED_BASE, SHARED_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
}

int scenario_main(unsigned int cpu)
{
	struct page *pages[SHARED_PAGES];
	unsigned long v;
	long nr;
	int i;

	if (cpu)
		kthread_use_mm(mm);
	selftest_barrier(&start_barrier);
	if (cpu & 1)
		nr = pin_user_pages(SHARED_BASE, SHARED_PAGES, FOLL_WRITE, pages);
	else
		nr = pin_user_pages_fast(SHARED_BASE, SHARED_PAGES, FOLL_WRITE, pages);
	CHECK(nr == SHARED_PAGES, "cpu %u: pinned %ld", cpu, nr);
	for (i = 0; i < SHARED_PAGES; i++) {
		CHECK(pages[i] == mapped_page(SHARED_BASE + i * PAGE_SIZE), "cpu %u: page %d not the mapped one",
		      cpu, i);
		/* "DMA" into the pin, seen through the mapping */
		WRITE_ONCE(*((unsigned long *)page_address(pages[i]) + cpu), cpu + 1UL);
		CHECK(get_user(v, (unsigned long *)(SHARED_BASE + i * PAGE_SIZE) + cpu) == 0 && v == cpu + 1UL,
		      "cpu %u: page %d reads %lx", cpu, i, v);
	}
	unpin_user_pages(pages, SHARED_PAGES);
	selftest_barrier(&done_barrier);
	for (i = 0; i < SHARED_PAGES; i++)
		CHECK(folio_ref_count(page_folio(mapped_page(SHARED_BASE + i * PAGE_SIZE))) == 1,
		      "cpu %u: page %d still referenced", cpu, i);
	if (cpu == 0)
		pr_info("selftest-gup: %u CPUs ok\n", nr_cpu_ids);
	return 0;
}
