// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86_64 TLB shootdown: the flush runs on every online CPU through
 * on_each_cpu(..., wait=1), i.e. queued call-function requests and IPIs
 * to the others, the local flush, then waiting until each target has run
 * it. A target with interrupts masked (GUP-fast) holds the caller up until
 * it unmasks: that is the synchronisation lockless page-table walkers on
 * x86 rely on.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <asm/page.h>
#include <asm/tlbflush.h>

struct flush_tlb_info {
	unsigned long start;
	unsigned long end;
};

static void do_flush_tlb_all(void *info)
{
	(void)info;
	__flush_tlb_all();
}

void flush_tlb_all(void)
{
	on_each_cpu(do_flush_tlb_all, NULL, 1);
}

static void do_kernel_range_flush(void *info)
{
	struct flush_tlb_info *f = info;
	unsigned long addr;

	for (addr = f->start; addr < f->end; addr += PAGE_SIZE)
		__flush_tlb_one_kernel(addr);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct flush_tlb_info info = {
		.start = start & PAGE_MASK,
		.end = end,
	};

	if (end <= start)
		return;
	if ((info.end - info.start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling)
		on_each_cpu(do_flush_tlb_all, NULL, 1);
	else
		on_each_cpu(do_kernel_range_flush, &info, 1);
}
