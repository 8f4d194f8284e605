// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oops-ro: a plain store to a read-only kernel page, with no exception
 * table entry: the fault handler prints the oops report and reports
 * HC_OOPS(address, error code / ESR, ip), which the emulator turns into a
 * failure. On cpu 0, first
 *	TARGET 0x<address>
 * then WRITE_ONCE(*(u64 *)target, 1) on a vmalloc page mapped
 * PAGE_KERNEL_RO. Returning from that store is a BUG.
 */
#include <mmulab/scenario.h>

static int cpu0_main(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	struct vm_struct *area = get_vm_area(PAGE_SIZE, VM_MAP);
	unsigned long v, target;

	BUG_ON(!page || !area);
	v = (unsigned long)area->addr;
	vmap_page_range(v, v + PAGE_SIZE, page_to_phys(page), PAGE_KERNEL_RO);
	target = v + 0x80;

	pr_info("TARGET 0x%lx\n", target);
	WRITE_ONCE(*(u64 *)target, 1);
	panic("oops-ro: the store to read-only %lx did not fault", target);
}

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("oops-ro needs at least 2 CPUs, have %u", nr_cpu_ids);
	return cpu == 0 ? cpu0_main() : 0;
}
