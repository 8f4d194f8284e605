// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * phys-uaf: a page freed while another CPU still uses it.
 *
 *	setup (cpu 0, before the checkpoint):
 *		page = alloc_page(GFP_KERNEL)            (HC_PAGE_STATE: ANON)
 *		p = page_address(page); p[0] = 1
 *
 *	cpu 0					cpu 1
 *	store_release_wake_up(&shared, p)	wait_var_event(&shared,
 *	__free_page(page)   (FREE)		    (p = smp_load_acquire(&shared)))
 *	  BUG: cpu 1 may not be done yet	p[0]++  (read, write)
 *						p[0]++  (read, write)
 *
 * cpu 0 should wait until cpu 1 is done with the page (an acknowledgement,
 * or a reference that cpu 1 drops) before freeing it. In every
 * interleaving in which one of cpu 1's accesses comes after the free, the
 * emulator's PHYS_UAF oracle fires: an access (through the direct map) to
 * a physical page that the guest's allocator has freed. If cpu 1 is done
 * before the free, the run ends done(0).
 */
#include <mmulab/scenario.h>

static struct page *page;
static unsigned long *shared __aligned(L1_CACHE_BYTES);	/* the page, published by cpu 0 */

void scenario_setup(void)
{
	if (nr_cpu_ids < 2)
		panic("phys-uaf needs at least 2 CPUs, have %u", nr_cpu_ids);
	page = alloc_page(GFP_KERNEL);
	BUG_ON(!page);
	WRITE_ONCE(*(unsigned long *)page_address(page), 1);
}

static int cpu0_main(void)
{
	store_release_wake_up(&shared, (unsigned long *)page_address(page));
	/* BUG: no wait for cpu 1 */
	__free_page(page);
	return 0;
}

static int cpu1_main(void)
{
	unsigned long *p;

	wait_var_event(&shared, (p = smp_load_acquire(&shared)));
	WRITE_ONCE(p[0], READ_ONCE(p[0]) + 1);
	WRITE_ONCE(p[0], READ_ONCE(p[0]) + 1);
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
