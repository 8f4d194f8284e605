// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tlb-stale: a kernel mapping changed without (and then with) the right TLB
 * invalidation. V is a page of the vmalloc area; A and B are pages filled
 * with 'A' and 'B'.
 *
 *   cpu 0: map V -> A, read V (fills its TLB)    cpu 1: read V (fills its TLB)
 *   cpu 0: set the pte of V to B, no invalidation
 *          read V                     -> stale  (A: the TLB entry is stale)
 *          invalidate V + 4K locally, read V -> wrong (A: still stale)
 *          invalidate V locally, read V      -> right (B)
 *   then across CPUs, each step handed over with release/acquire flags:
 *     x86_64: cpu 0 has only done its local invlpg;  cpu 1 reads -> before (A)
 *             cpu 0 flush_tlb_kernel_range(V) (IPI shootdown); cpu 1 reads -> after (B)
 *     arm64:  cpu 0 issues tlbi vaale1is WITHOUT the completing dsb;
 *             cpu 1 reads -> before (A: the broadcast has not completed)
 *             cpu 0 dsb ish; isb;  cpu 1 reads -> after (B)
 *
 * Prints the letters read:
 *	RESULT tlb-stale cpu0:stale=A,wrong=A,right=B cpu1:before=A,after=B
 * (the values above are what an emulator with per-CPU TLBs must show; a
 * machine without stale TLB entries reads B early). Any letter other than
 * A or B, or a first read other than A, is a BUG.
 */
#include <mmulab/scenario.h>

static unsigned long test_va;			/* V, published by cpu 0 */
static int step __aligned(L1_CACHE_BYTES);	/* cpu 0 -> cpu 1 */
static int ack __aligned(L1_CACHE_BYTES);	/* cpu 1 -> cpu 0 */
static char cpu1_first, cpu1_before, cpu1_after;

static char read_v(unsigned long v)
{
	return READ_ONCE(*(char *)v);
}

static void wait_for(int *flag, int val)
{
	while (smp_load_acquire(flag) < val)
		cpu_relax();
}

static void check_letter(const char *what, char c)
{
	if (c != 'A' && c != 'B')
		panic("tlb-stale: %s read %#x, neither 'A' nor 'B'", what, (unsigned char)c);
}

static int cpu1_main(void)
{
	unsigned long v;

	wait_for(&step, 1);
	v = READ_ONCE(test_va);
	WRITE_ONCE(cpu1_first, read_v(v));
	smp_store_release(&ack, 1);

	wait_for(&step, 2);
	WRITE_ONCE(cpu1_before, read_v(v));
	smp_store_release(&ack, 2);

	wait_for(&step, 3);
	WRITE_ONCE(cpu1_after, read_v(v));
	smp_store_release(&ack, 3);
	return 0;
}

static int cpu0_main(void)
{
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_page(GFP_KERNEL);
	struct vm_struct *area = get_vm_area(2 * PAGE_SIZE, VM_MAP);
	char first, stale, wrong, right;
	unsigned long v;
	pte_t *ptep;

	BUG_ON(!a || !b || !area);
	memset(page_address(a), 'A', PAGE_SIZE);
	memset(page_address(b), 'B', PAGE_SIZE);
	v = (unsigned long)area->addr;
	vmap_page_range(v, v + PAGE_SIZE, page_to_phys(a), PAGE_KERNEL);
	ptep = virt_to_kpte(v);
	BUG_ON(!ptep);

	WRITE_ONCE(test_va, v);
	first = read_v(v);
	if (first != 'A')
		panic("tlb-stale: cpu 0 read %#x through the new mapping", (unsigned char)first);
	smp_store_release(&step, 1);
	wait_for(&ack, 1);
	if (READ_ONCE(cpu1_first) != 'A')
		panic("tlb-stale: cpu 1 read %#x through the new mapping",
		      (unsigned char)READ_ONCE(cpu1_first));

	/* remap V to B behind every TLB's back */
	set_pte(ptep, pfn_pte(page_to_pfn(b), PAGE_KERNEL));
	stale = read_v(v);
	local_flush_tlb_kernel_page(v + PAGE_SIZE);	/* the wrong page */
	wrong = read_v(v);
	local_flush_tlb_kernel_page(v);			/* the right one, this CPU only */
	right = read_v(v);

#if defined(__x86_64__)
	/* cpu 1 has seen no invalidation at all yet */
	smp_store_release(&step, 2);
	wait_for(&ack, 2);
	flush_tlb_kernel_range(v, v + PAGE_SIZE);	/* IPI shootdown, waits */
	smp_store_release(&step, 3);
#elif defined(__aarch64__)
	/* broadcast invalidation issued, not completed: no dsb yet */
	__tlbi(vaale1is, __TLBI_VADDR(v));
	smp_store_release(&step, 2);
	wait_for(&ack, 2);
	dsb(ish);
	isb();
	smp_store_release(&step, 3);
#endif
	wait_for(&ack, 3);

	check_letter("cpu0 stale", stale);
	check_letter("cpu0 wrong", wrong);
	check_letter("cpu0 right", right);
	check_letter("cpu1 before", READ_ONCE(cpu1_before));
	check_letter("cpu1 after", READ_ONCE(cpu1_after));
	pr_info("RESULT tlb-stale cpu0:stale=%c,wrong=%c,right=%c cpu1:before=%c,after=%c\n",
		stale, wrong, right, READ_ONCE(cpu1_before), READ_ONCE(cpu1_after));

	free_vm_area(area);	/* unmap + flush_tlb_kernel_range on every CPU */
	__free_page(a);
	__free_page(b);
	return 0;
}

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("tlb-stale needs at least 2 CPUs, have %u", nr_cpu_ids);
	if (cpu == 0)
		return cpu0_main();
	if (cpu == 1)
		return cpu1_main();
	return 0;
}
