// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-hvo: hugetlb folios and the vmemmap optimisation (HVO).
 *
 * Before the checkpoint (scenario_setup, CPU 0): a 2 MiB hugetlb folio is
 * allocated with HVO off, so the 8 frames behind its vmemmap can be
 * recorded, then optimised by hand:
 *   - the ptes of vmemmap pages 1..7 map page 0's frame, read-only;
 *   - struct page 64 * k reads the head (flags, refcount, a change of the
 *     head's refcount shows through it), 64 * k + j reads tail j;
 *   - a write through an alias faults (copy_to_kernel_nofault: -EFAULT)
 *     and changes nothing;
 *   - the 7 old frames are free in the buddy allocator;
 * then restored (refcount frozen, as on the free path): 7 distinct new
 * frames, writable, holding plain tails (no fake heads), optimised again,
 * and freed with folio_put() (which restores once more): the free page
 * count is back where it started.
 *
 * Explored (every CPU at once): each CPU allocates an optimised folio,
 * checks its aliases and frees it, twice; the x86 TLB shootdowns of the
 * CPUs' remaps cross. CPU 0 then checks the free page count.
 */
#include "selftest.h"
#include <linux/hugetlb.h>
#include <linux/pgtable.h>

#define NR_VMEMMAP	8			/* vmemmap pages of a 2 MiB folio */
#define PER_VMEMMAP	(PAGE_SIZE / sizeof(struct page))	/* 64 */

static unsigned long free_before;
static struct selftest_barrier done_barrier;

static unsigned long vmemmap_va(struct folio *folio, unsigned int k)
{
	return (unsigned long)folio_page(folio, k * PER_VMEMMAP);
}

static pte_t vmemmap_pte(struct folio *folio, unsigned int k)
{
	pte_t *ptep = virt_to_kpte(vmemmap_va(folio, k));

	CHECK(ptep, "vmemmap page %u of pfn %#lx is not pte-mapped", k, folio_pfn(folio));
	return ptep_get(ptep);
}

/* the folio is optimised: aliases read the head and the tails, writes fault */
static void check_optimized(struct folio *folio, const char *who)
{
	unsigned long head_frame = pte_pfn(vmemmap_pte(folio, 0));
	unsigned int k;
	int ref = folio_ref_count(folio);

	CHECK(folio_test_hugetlb_vmemmap_optimized(folio), "%s: not marked optimised", who);
	CHECK(pte_write(vmemmap_pte(folio, 0)), "%s: vmemmap page 0 not writable", who);
	for (k = 1; k < NR_VMEMMAP; k++) {
		pte_t pte = vmemmap_pte(folio, k);
		struct page *alias = folio_page(folio, k * PER_VMEMMAP);
		struct page *tail = alias + 5;
		int v = 12345;

		CHECK(pte_pfn(pte) == head_frame, "%s: vmemmap page %u -> frame %#lx, page 0 is %#lx",
		      who, k, pte_pfn(pte), head_frame);
		CHECK(!pte_write(pte), "%s: vmemmap page %u writable after HVO", who, k);
		CHECK(page_ref_count(alias) == ref, "%s: struct page %u refcount %d, head %d",
		      who, k * 64, page_ref_count(alias), ref);
		CHECK(READ_ONCE(alias->flags) == READ_ONCE(folio->flags), "%s: struct page %u flags %#lx, head %#lx",
		      who, k * 64, alias->flags, folio->flags);
		CHECK(PageHead(alias), "%s: struct page %u is not a fake head", who, k * 64);
		CHECK(compound_head(tail) == &folio->page, "%s: struct page %u: compound_head %p, head %p",
		      who, k * 64 + 5, compound_head(tail), &folio->page);
		CHECK(copy_to_kernel_nofault(&alias->_refcount, &v, sizeof(v)) == -EFAULT,
		      "%s: a write to struct page %u went through", who, k * 64);
		CHECK(page_ref_count(alias) == ref, "%s: the failed write changed the refcount to %d",
		      who, page_ref_count(alias));
	}
	/* a change of the head shows through every alias */
	folio_ref_inc(folio);
	for (k = 1; k < NR_VMEMMAP; k++)
		CHECK(page_ref_count(folio_page(folio, k * PER_VMEMMAP)) == ref + 1,
		      "%s: struct page %u does not follow the head's refcount", who, k * 64);
	folio_ref_dec(folio);
}

/* the folio is not optimised: 8 distinct writable frames of real struct pages */
static void check_restored(struct folio *folio, unsigned long frames[NR_VMEMMAP], const char *who)
{
	unsigned int k, j;

	CHECK(!folio_test_hugetlb_vmemmap_optimized(folio), "%s: still marked optimised", who);
	for (k = 0; k < NR_VMEMMAP; k++) {
		pte_t pte = vmemmap_pte(folio, k);

		frames[k] = pte_pfn(pte);
		CHECK(pte_write(pte), "%s: vmemmap page %u read-only", who, k);
		for (j = 0; j < k; j++)
			CHECK(frames[j] != frames[k], "%s: vmemmap pages %u and %u share frame %#lx", who, j, k, frames[k]);
	}
	for (k = 1; k < NR_VMEMMAP; k++) {
		struct page *page = folio_page(folio, k * PER_VMEMMAP);
		int v = page_ref_count(page);

		CHECK(v == 0, "%s: struct page %u has refcount %d", who, k * 64, v);
		CHECK(!PageHead(page) && PageTail(page), "%s: struct page %u is not a plain tail", who, k * 64);
		CHECK(compound_head(page) == &folio->page, "%s: struct page %u: compound_head %p", who, k * 64,
		      compound_head(page));
		for (j = 0; j < 3; j++)
			CHECK(page[j].mapping == TAIL_MAPPING, "%s: struct page %u mapping %p", who, k * 64 + j,
			      page[j].mapping);
		CHECK(copy_to_kernel_nofault(&page->_refcount, &v, sizeof(v)) == 0,
		      "%s: struct page %u not writable after restore", who, k * 64);
	}
}

static void check_structure(void)
{
	struct hstate *h = &default_hstate;
	unsigned long frames[NR_VMEMMAP], again[NR_VMEMMAP];
	struct folio *folio;
	unsigned int k;

	hugetlb_optimize_vmemmap_enabled = false;
	folio = alloc_fresh_hugetlb_folio(h, GFP_KERNEL);
	hugetlb_optimize_vmemmap_enabled = true;
	CHECK(folio, "hugetlb allocation failed");
	CHECK(folio_test_hugetlb(folio), "no hugetlb page type");
	CHECK(folio_order(folio) == HUGETLB_PAGE_ORDER, "order %u", folio_order(folio));
	CHECK(!(folio_pfn(folio) & (pages_per_huge_page(h) - 1)), "pfn %#lx not 2 MiB aligned", folio_pfn(folio));
	CHECK(folio_ref_count(folio) == 1, "refcount %d", folio_ref_count(folio));
	CHECK(nr_free_pages() == free_before - 512, "%lu free, %lu before", nr_free_pages(), free_before);
	check_restored(folio, frames, "before HVO");

	hugetlb_vmemmap_optimize_folio(h, folio);
	check_optimized(folio, "after HVO");
	for (k = 1; k < NR_VMEMMAP; k++)
		CHECK(is_free_buddy_page(pfn_to_page(frames[k])), "old vmemmap frame %u (%#lx) is not free",
		      k, frames[k]);
	CHECK(!is_free_buddy_page(pfn_to_page(frames[0])), "vmemmap frame 0 freed");
	CHECK(nr_free_pages() == free_before - 512 + 7, "after HVO: %lu free, %lu before",
	      nr_free_pages(), free_before);

	/* restore, as the free path does: with the refcount frozen */
	CHECK(folio_ref_freeze(folio, 1), "freeze failed");
	CHECK(hugetlb_vmemmap_restore_folio(h, folio) == 0, "restore failed");
	check_restored(folio, again, "after restore");
	CHECK(again[0] == frames[0], "vmemmap page 0 moved");
	CHECK(nr_free_pages() == free_before - 512, "after restore: %lu free, %lu before",
	      nr_free_pages(), free_before);

	hugetlb_vmemmap_optimize_folio(h, folio);
	folio_ref_unfreeze(folio, 1);
	check_optimized(folio, "after the second HVO");
	folio_put(folio);
	CHECK(nr_free_pages() == free_before, "after folio_put: %lu free, %lu before", nr_free_pages(), free_before);
}

void scenario_setup(void)
{
	free_before = nr_free_pages();
	check_structure();
	pr_info("selftest-hvo: structure ok\n");
}

int scenario_main(unsigned int cpu)
{
	unsigned int round;
	char who[32];

	snprintf(who, sizeof(who), "cpu %u", cpu);
	for (round = 0; round < 2; round++) {
		struct folio *folio = alloc_fresh_hugetlb_folio(&default_hstate, GFP_KERNEL);

		CHECK(folio, "cpu %u: hugetlb allocation failed", cpu);
		check_optimized(folio, who);
		folio_put(folio);
	}

	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		CHECK(nr_free_pages() == free_before, "after every CPU freed its folios: %lu free, %lu before",
		      nr_free_pages(), free_before);
		pr_info("selftest-hvo: %u CPUs ok\n", nr_cpu_ids);
	}
	return 0;
}
