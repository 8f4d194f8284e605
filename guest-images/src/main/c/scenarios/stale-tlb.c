// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stale-tlb: a kernel mapping torn down without the TLB flush, and its page
 * freed, while another CPU still caches the translation.
 *
 *	setup (cpu 0, before the checkpoint):
 *		P = alloc_page(GFP_KERNEL)               (HC_PAGE_STATE: ANON)
 *		V = vmap(&P, 1, VM_MAP, PAGE_KERNEL)     (a vmalloc-area VA)
 *
 *	cpu 0					cpu 1
 *						READ_ONCE(*V)   (its TLB caches V -> P)
 *	wait_var_event(&filled, ...)		store_release_wake_up(&filled, 1)
 *	vunmap_range_noflush(V, V + PAGE_SIZE)
 *	  BUG: no flush_tlb_kernel_range()
 *	__free_page(P)      (FREE)
 *	store_release_wake_up(&unmapped, 1)	wait_var_event(&unmapped, ...)
 *						READ_ONCE(*V)   stale TLB entry -> P
 *
 * The pte of V is gone, but cpu 1's TLB still maps V to P, which is free
 * now: its second read is a use-after-free that no page-table walk would
 * show (with the flush, it would fault instead). The emulator's
 * STALE_TLB_UAF oracle reports it: an access through a TLB entry filled
 * before the page was freed, whose translation the page tables no longer
 * have. This happens in every interleaving.
 */
#include <mmulab/scenario.h>

static struct page *stale_page;
static unsigned long *stale_va;				/* V, set up before the checkpoint */
static int filled __aligned(L1_CACHE_BYTES);		/* cpu 1 -> cpu 0 */
static int unmapped __aligned(L1_CACHE_BYTES);		/* cpu 0 -> cpu 1 */
static unsigned long cpu1_read[2];

void scenario_setup(void)
{
	if (nr_cpu_ids < 2)
		panic("stale-tlb needs at least 2 CPUs, have %u", nr_cpu_ids);
	stale_page = alloc_page(GFP_KERNEL);
	BUG_ON(!stale_page);
	WRITE_ONCE(*(unsigned long *)page_address(stale_page), 0x5354414c45ULL);	/* "STALE" */
	stale_va = vmap(&stale_page, 1, VM_MAP, PAGE_KERNEL);
	BUG_ON(!stale_va);
}

static int cpu0_main(void)
{
	unsigned long v = (unsigned long)stale_va;

	wait_var_event(&filled, smp_load_acquire(&filled));
	/* BUG: the pte is cleared but no CPU's TLB is flushed */
	vunmap_range_noflush(v, v + PAGE_SIZE);
	__free_page(stale_page);
	store_release_wake_up(&unmapped, 1);
	return 0;
}

static int cpu1_main(void)
{
	WRITE_ONCE(cpu1_read[0], READ_ONCE(*stale_va));
	store_release_wake_up(&filled, 1);
	wait_var_event(&unmapped, smp_load_acquire(&unmapped));
	WRITE_ONCE(cpu1_read[1], READ_ONCE(*stale_va));
	return 0;
}

int scenario_main(unsigned int cpu)
{
	if (cpu == 0)
		return cpu0_main();
	if (cpu == 1)
		return cpu1_main();
	return 0;
}
