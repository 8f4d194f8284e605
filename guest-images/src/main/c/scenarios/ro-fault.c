// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ro-fault: copy_to_kernel_nofault() onto a read-only kernel page returns
 * -EFAULT through the page-fault handler and the exception-table fixup.
 * The target is a page of the vmalloc area mapped PAGE_KERNEL_RO. On cpu 0:
 *
 *	ret = copy_to_kernel_nofault(target, &val, 8)
 *
 * then, from this CPU's last_fault record,
 *	RESULT ro-fault ret=<ret> addr=0x<fault address> write=<1|0>
 * (write: x86 error code bit 1 / arm64 ESR WnR). Expected: ret=-14, addr
 * the target, write=1; anything else BUGs. It also checks that
 * get_kernel_nofault() reads the page (0) and faults (-EFAULT) on the
 * unmapped guard page behind it, and that the page was not written.
 */
#include <mmulab/scenario.h>

static int cpu0_main(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	struct vm_struct *area = get_vm_area(PAGE_SIZE, VM_MAP);
	u64 val = 0x1122334455667788ULL, got = 1;
	unsigned long v, target, count, addr;
	long ret, ret_read, ret_guard;
	int write;

	BUG_ON(!page || !area);
	v = (unsigned long)area->addr;
	vmap_page_range(v, v + PAGE_SIZE, page_to_phys(page), PAGE_KERNEL_RO);
	target = v + 0x40;

	count = last_fault_count();
	ret = copy_to_kernel_nofault((void *)target, &val, sizeof(val));
	addr = last_fault_address();
	write = last_fault_is_write();
	pr_info("RESULT ro-fault ret=%ld addr=0x%lx write=%d\n", ret, addr, write);

	if (ret != -EFAULT)
		panic("ro-fault: copy_to_kernel_nofault returned %ld, expected %d", ret, -EFAULT);
	if (last_fault_count() != count + 1)
		panic("ro-fault: %lu faults recorded, expected 1", last_fault_count() - count);
	if (addr != target)
		panic("ro-fault: fault address %lx, expected the target %lx", addr, target);
	if (write != 1)
		panic("ro-fault: fault code %lx does not say write", last_fault_code());

	ret_read = get_kernel_nofault(got, (u64 *)target);
	if (ret_read != 0 || got != 0)
		panic("ro-fault: get_kernel_nofault of the page: %ld, value %llx", ret_read, got);
	ret_guard = get_kernel_nofault(got, (u64 *)(v + PAGE_SIZE));
	if (ret_guard != -EFAULT || last_fault_address() != v + PAGE_SIZE || last_fault_is_write())
		panic("ro-fault: get_kernel_nofault of the guard page: %ld, fault at %lx",
		      ret_guard, last_fault_address());
	if (READ_ONCE(*(u64 *)page_address(page)) != 0 || READ_ONCE(*(u64 *)(page_address(page) + 0x40)) != 0)
		panic("ro-fault: the read-only page was written");

	free_vm_area(area);
	__free_page(page);
	return 0;
}

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("ro-fault needs at least 2 CPUs, have %u", nr_cpu_ids);
	return cpu == 0 ? cpu0_main() : 0;
}
