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
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/mmu_context.h>
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

/* ------------------------------------------------------------------------
 * User address spaces
 */

struct flush_tlb_user_info {
	struct mm_struct *mm;
	unsigned long start;
	unsigned long end;
	unsigned int stride_shift;
};

/* on each target, interrupts masked: flush if it runs mm now */
static void flush_tlb_func(void *info)
{
	struct flush_tlb_user_info *f = info;
	unsigned long addr;

	if (current->active_mm != f->mm)
		return;
	if (((f->end - f->start) >> f->stride_shift) > tlb_single_page_flush_ceiling) {
		__flush_tlb_local();
		return;
	}
	for (addr = f->start; addr < f->end; addr += 1UL << f->stride_shift)
		__flush_tlb_one_kernel(addr);	/* invlpg: user pages too */
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned int stride_shift)
{
	struct flush_tlb_user_info info = {
		.mm = mm,
		.start = start & ~((1UL << stride_shift) - 1),
		.end = end,
		.stride_shift = stride_shift,
	};

	if (end <= start)
		return;
	/* the page-table change is visible before the targets are chosen */
	smp_mb();
	on_each_cpu_mask(mm_cpumask(mm), flush_tlb_func, &info, 1);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, 0, TASK_SIZE_MAX, PAGE_SHIFT + 9);
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	flush_tlb_mm_range(vma->vm_mm, start, end, PAGE_SHIFT);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_mm_range(vma->vm_mm, addr, addr + PAGE_SIZE, PAGE_SHIFT);
}

void flush_pmd_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	flush_tlb_mm_range(vma->vm_mm, start, end, PMD_SHIFT);
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk)
{
	unsigned int cpu = smp_processor_id();

	if (prev == next)
		return;
	cpumask_set_cpu(cpu, mm_cpumask(next));
	smp_mb();
	tsk->active_mm = next;
	load_cr3(next->pgd);
	if (prev)
		cpumask_clear_cpu(cpu, mm_cpumask(prev));
}
