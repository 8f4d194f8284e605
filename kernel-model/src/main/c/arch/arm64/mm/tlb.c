// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arm64 user TLB maintenance and address-space switches: broadcast TLBIs
 * tagged with the mm's ASID (<asm/tlbflush.h>), TTBR0 switches
 * (<asm/mmu_context.h>).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/barrier.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

#define ASID(mm)		((mm)->context_id & 0xff)
/* the TLBI operand: VA[55:12] with the ASID in bits 63:48 */
#define __TLBI_VADDR_ASID(addr, asid)	(__TLBI_VADDR(addr) | ((unsigned long)(asid) << 48))

void flush_tlb_mm(struct mm_struct *mm)
{
	dsb(ishst);
	__tlbi(aside1is, (unsigned long)ASID(mm) << 48);
	dsb(ish);
}

/*
 * The page-table stores before this are visible to every walker before
 * the invalidation (dsb ishst); when dsb ish completes, no CPU's TLB holds
 * the old entries.
 */
void __flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long stride)
{
	unsigned long addr;

	start &= ~(stride - 1);
	if (end <= start)
		return;
	if ((end - start) / stride >= MAX_DVM_OPS) {
		flush_tlb_mm(mm);
		return;
	}
	dsb(ishst);
	for (addr = start; addr < end; addr += stride)
		__tlbi(vae1is, __TLBI_VADDR_ASID(addr, ASID(mm)));
	dsb(ish);
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	__flush_tlb_range(vma->vm_mm, start, end, PAGE_SIZE);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	__flush_tlb_range(vma->vm_mm, addr, addr + PAGE_SIZE, PAGE_SIZE);
}

void flush_pmd_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	__flush_tlb_range(vma->vm_mm, start, end, PMD_SIZE);
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk)
{
	unsigned int cpu = smp_processor_id();

	if (prev == next)
		return;
	cpumask_set_cpu(cpu, mm_cpumask(next));
	tsk->active_mm = next;
	/* the tables next's creator wrote are visible to this CPU's walker */
	dsb(ish);
	write_sysreg(__pa(next->pgd) | ((unsigned long)ASID(next) << 48), ttbr0_el1);
	isb();
	if (prev)
		cpumask_clear_cpu(cpu, mm_cpumask(prev));
}
