/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The GUP-fast vs THP-collapse scenarios (not an image: gup-fast-thp.c,
 * gup-fast-barrier.c and khugepaged-ptfree.c define GUP_THP_SCENARIO, their
 * flags and variants, and include this). The set-up:
 * an mm with one anonymous 2 MiB-aligned VMA, two of its small pages
 * faulted in, then madvise(MADV_HUGEPAGE)-like VM_HUGEPAGE so khugepaged
 * may collapse it. CPU 0 runs in that mm (kthread_use_mm) from the set-up
 * on; the collapsing CPU does not (khugepaged is a kernel thread).
 */
#ifndef _SCENARIOS_GUP_THP_COMMON_H
#define _SCENARIOS_GUP_THP_COMMON_H

#include <mmulab/scenario.h>
#include <linux/mmap_lock.h>
#include <linux/sched.h>

#define THP_ADDR	0x0000000040000000UL	/* 2 MiB aligned */
#define DMA_VALUE	0xd11a0000cafeUL

static struct mm_struct *thp_mm;
static struct folio *thp_hpage;	/* khugepaged's preallocated huge folio */
static int collapse_result __aligned(L1_CACHE_BYTES);
static int collapse_done __aligned(L1_CACHE_BYTES);

static void gup_thp_setup(void)
{
	struct vm_area_struct *vma;
	unsigned long v;

	thp_mm = mm_alloc();
	BUG_ON(!thp_mm);
	kthread_use_mm(thp_mm);
	mmap_write_lock(thp_mm);
	BUG_ON(do_mmap(thp_mm, NULL, THP_ADDR, HPAGE_PMD_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, 0) != THP_ADDR);
	mmap_write_unlock(thp_mm);
	/* small pages first: the VMA is not VM_HUGEPAGE yet */
	BUG_ON(put_user(1UL, (unsigned long *)THP_ADDR));
	BUG_ON(put_user(2UL, (unsigned long *)(THP_ADDR + PAGE_SIZE)));
	BUG_ON(get_user(v, (unsigned long *)THP_ADDR) || v != 1);
	/* madvise(MADV_HUGEPAGE) */
	mmap_write_lock(thp_mm);
	vma = vma_lookup(thp_mm, THP_ADDR);
	vma_start_write(vma);
	vma->vm_flags |= VM_HUGEPAGE;
	mmap_write_unlock(thp_mm);
	thp_hpage = khugepaged_alloc_folio();
	BUG_ON(!thp_hpage);
}

/* khugepaged's side: collapse, then tell CPU 0 */
static void gup_thp_collapse(void)
{
	WRITE_ONCE(collapse_result, collapse_huge_page(thp_mm, THP_ADDR, &thp_hpage));
	store_release_wake_up(&collapse_done, 1);
}

/*
 * The driver's side: pin the page at THP_ADDR as a DMA target, "DMA" into
 * it through the pin, and after the collapse read it back through the
 * mapping: the value must be there, whichever page the address maps now.
 */
static int gup_thp_pin_and_dma(void)
{
	struct page *page;
	unsigned long v;
	int nr;

	nr = pin_user_pages_fast(THP_ADDR, 1, FOLL_WRITE | FOLL_LONGTERM, &page);
	CHECK(nr == 1, "pin_user_pages_fast: %d", nr);
	WRITE_ONCE(*(unsigned long *)page_address(page), DMA_VALUE);

	wait_var_event(&collapse_done, smp_load_acquire(&collapse_done));
#ifdef GUP_THP_REPORT_BACKOFF
	/* the witness build: make the safe outcome visible as a report */
	CHECK(READ_ONCE(collapse_result) != SCAN_PAGE_COUNT,
	      "collapse backed off: it saw the pin on pfn %lx (GUP-fast finished first)", page_to_pfn(page));
#endif
	CHECK(get_user(v, (unsigned long *)THP_ADDR) == 0, "read back");
	CHECK(v == DMA_VALUE,
	      "DMA through the pinned page (pfn %lx) lost: %lx maps another page, reads %lx (collapse %d)",
	      page_to_pfn(page), THP_ADDR, v, READ_ONCE(collapse_result));
	unpin_user_page(page);
	return 0;
}

void scenario_setup(void)
{
	gup_thp_setup();
}

/* cpu 0 pins and "DMA"s, cpu 1 is khugepaged; any others idle */
int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic(GUP_THP_SCENARIO " needs 2 CPUs, has %u", nr_cpu_ids);
	if (cpu == 0)
		return gup_thp_pin_and_dma();
	if (cpu == 1)
		gup_thp_collapse();
	return 0;
}

#endif /* _SCENARIOS_GUP_THP_COMMON_H */
