// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-thp: transparent huge pages and their collapse.
 *
 * Before the checkpoint (CPU 0): a VM_HUGEPAGE fault maps a 2 MiB folio
 * with one pmd; collapse_huge_page() of a range faulted with small pages
 * copies their contents into a THP, frees the small pages and the old pte
 * table, and refuses ranges that are already huge, not VM_HUGEPAGE, or
 * hold a page pinned by GUP (SCAN_PAGE_COUNT, leaving the tables as they
 * were); munmap of a THP frees the 2 MiB folio.
 *
 * Explored (every CPU at once): CPU 0 collapses a range while the other
 * CPUs read and write it through the mapping (faulting the holes in) and
 * GUP-fast it: every value written must survive, whether it landed before
 * the collapse (copied) or after it (in the THP), and every pin must be
 * of the page that is mapped when it is released... or the collapse must
 * have backed off.
 */
//! cflags: -DFIX_GUP_PMD_RECHECK -DFIX_PTFREE_SYNC -DFIX_TRY_GRAB_SLOW -DFIX_VMA_RECHECK -DFIX_DEVMAP_PUT_REFS
#include "selftest.h"
#include <linux/mmap_lock.h>
#include <linux/rmap.h>
#include <linux/sched.h>

#define THP_FAULT	0x0000000040000000UL
#define COLLAPSE	0x0000000080000000UL
#define PINNED		0x00000000c0000000UL
#define RACE		0x0000000100000000UL

static struct mm_struct *mm;
static struct folio *hpage;
static struct selftest_barrier start_barrier, done_barrier;
static int race_result;

static void map(unsigned long addr, unsigned long vm_flags)
{
	mmap_write_lock(mm);
	CHECK(do_mmap(mm, NULL, addr, HPAGE_PMD_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, vm_flags, 0) == addr, "mmap at %lx", addr);
	mmap_write_unlock(mm);
}

static void madvise_hugepage(unsigned long addr)
{
	struct vm_area_struct *vma;

	mmap_write_lock(mm);
	vma = vma_lookup(mm, addr);
	vma_start_write(vma);
	vma->vm_flags |= VM_HUGEPAGE;
	mmap_write_unlock(mm);
}

static bool huge_at(unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);

	return pmd && pmd_trans_huge(pmdp_get(pmd));
}

/* does PINNED still map page through a pte? */
static bool mapped_page_is(struct page *page)
{
	pmd_t *pmd = mm_find_pmd(mm, PINNED);
	pte_t pte;

	if (!pmd || pmd_none(pmdp_get(pmd)) || pmd_leaf(pmdp_get(pmd)))
		return false;
	pte = ptep_get(pte_offset_map(pmd, PINNED));
	return pte_present(pte) && pfn_to_page(pte_pfn(pte)) == page;
}

static void check_thp(void)
{
	unsigned long before, v;
	struct folio *folio;
	struct page *page;
	int i;

	/* a THP fault */
	map(THP_FAULT, VM_HUGEPAGE);
	CHECK(put_user(3UL, (unsigned long *)(THP_FAULT + 0x1000)) == 0, "THP fault");
	CHECK(huge_at(THP_FAULT), "no huge pmd after a VM_HUGEPAGE fault");

	/* collapse: small pages first, then VM_HUGEPAGE */
	map(COLLAPSE, 0);
	for (i = 0; i < 8; i++)
		CHECK(put_user(0xc0de0000UL + i, (unsigned long *)(COLLAPSE + i * 64 * PAGE_SIZE)) == 0, "touch");
	CHECK(!huge_at(COLLAPSE), "huge before MADV_HUGEPAGE");
	CHECK(collapse_huge_page(mm, COLLAPSE, &hpage) == SCAN_VMA_CHECK, "collapse of a non-VM_HUGEPAGE VMA");
	madvise_hugepage(COLLAPSE);
	before = nr_free_pages();
	CHECK(collapse_huge_page(mm, COLLAPSE, &hpage) == SCAN_SUCCEED, "collapse failed");
	CHECK(!hpage, "the preallocated folio was not used");
	CHECK(huge_at(COLLAPSE), "no huge pmd after collapse");
	/* 8 small pages and the pte table back to the allocator (after the sync) */
	CHECK(nr_free_pages() == before + 9, "collapse freed %lu pages, want 9", nr_free_pages() - before);
	for (i = 0; i < 8; i++)
		CHECK(get_user(v, (unsigned long *)(COLLAPSE + i * 64 * PAGE_SIZE)) == 0 && v == 0xc0de0000UL + i,
		      "page %d after collapse reads %lx", i, v);
	CHECK(get_user(v, (unsigned long *)(COLLAPSE + PAGE_SIZE)) == 0 && v == 0, "a hole is not zero");
	CHECK(collapse_huge_page(mm, COLLAPSE, &hpage) == SCAN_PMD_MAPPED, "second collapse");

	/* a pinned small page makes the collapse back off */
	map(PINNED, 0);
	CHECK(put_user(5UL, (unsigned long *)PINNED) == 0, "touch");
	CHECK(pin_user_pages_fast(PINNED, 1, FOLL_WRITE, &page) == 1, "pin");
	madvise_hugepage(PINNED);
	CHECK(collapse_huge_page(mm, PINNED, &hpage) == SCAN_PAGE_COUNT, "collapse of a pinned page");
	CHECK(hpage, "the folio is kept for the next attempt");
	CHECK(!huge_at(PINNED) && mapped_page_is(page), "tables changed by a failed collapse");
	unpin_user_page(page);
	CHECK(collapse_huge_page(mm, PINNED, &hpage) == SCAN_SUCCEED, "collapse after unpin");

	/* munmap of a THP frees the whole folio */
	folio = page_folio(pfn_to_page(pmd_pfn(pmdp_get(mm_find_pmd(mm, PINNED)))));
	CHECK(folio_order(folio) == HPAGE_PMD_ORDER, "THP order %u", folio_order(folio));
	before = nr_free_pages();
	CHECK(vm_munmap(mm, PINNED, HPAGE_PMD_SIZE) == 0, "munmap THP");
	CHECK(nr_free_pages() >= before + HPAGE_PMD_NR, "munmap freed %lu pages", nr_free_pages() - before);
}

void scenario_setup(void)
{
	mm = mm_alloc();
	CHECK(mm, "mm_alloc");
	kthread_use_mm(mm);
	check_thp();
	map(RACE, 0);
	CHECK(put_user(1UL, (unsigned long *)RACE) == 0, "touch");
	madvise_hugepage(RACE);
	hpage = khugepaged_alloc_folio();
}

/*
 * CPU 0 collapses RACE; CPU n > 0 writes its own slot in page n (faulting
 * it in if the collapse has not happened) and pins page 0 with GUP-fast,
 * "DMA"s into the pin and reads the value back through the mapping.
 */
int scenario_main(unsigned int cpu)
{
	unsigned long *slot = (unsigned long *)(RACE + cpu * PAGE_SIZE) + cpu;
	unsigned long v;
	struct page *page;

	if (cpu)
		kthread_use_mm(mm);
	selftest_barrier(&start_barrier);
	if (cpu == 0) {
		WRITE_ONCE(race_result, collapse_huge_page(mm, RACE, &hpage));
	} else {
		CHECK(put_user(0x5107UL + cpu, slot) == 0, "cpu %u: write", cpu);
		CHECK(pin_user_pages_fast(RACE, 1, FOLL_WRITE, &page) == 1, "cpu %u: pin", cpu);
		WRITE_ONCE(*((unsigned long *)page_address(page) + 8 + cpu), 0xd3a0UL + cpu);
	}
	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		int r = READ_ONCE(race_result);

		CHECK(r == SCAN_SUCCEED || r == SCAN_PAGE_COUNT, "collapse under GUP: %d", r);
		CHECK((r == SCAN_SUCCEED) == huge_at(RACE), "result %d but huge_at %d", r, huge_at(RACE));
		pr_info("selftest-thp: %u CPUs ok (collapse %s)\n", nr_cpu_ids,
			r == SCAN_SUCCEED ? "done" : "backed off");
		return 0;
	}
	CHECK(get_user(v, slot) == 0 && v == 0x5107UL + cpu, "cpu %u: own write lost (%lx)", cpu, v);
	CHECK(get_user(v, (unsigned long *)RACE + 8 + cpu) == 0 && v == 0xd3a0UL + cpu,
	      "cpu %u: DMA through the pin lost (%lx)", cpu, v);
	unpin_user_page(page);
	return 0;
}
