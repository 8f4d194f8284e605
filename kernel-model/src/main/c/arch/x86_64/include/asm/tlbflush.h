/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 TLB maintenance. There is no broadcast invalidation: the
 * instructions act on the executing CPU only, and other CPUs are shot down
 * with IPIs (arch/x86_64/mm/tlb.c), which a CPU with interrupts masked
 * delays until it unmasks:
 *
 *   __flush_tlb_one_kernel(addr)   this CPU, one page (invlpg; global too)
 *   local_flush_tlb_kernel_page(addr)   the same, by its arm64 name
 *   __flush_tlb_all()              this CPU, everything (CR4.PGE toggle)
 *   __flush_tlb_local()            this CPU, non-global entries (CR3 reload)
 *   flush_tlb_all()                every online CPU, everything
 *   flush_tlb_kernel_range(s, e)   every online CPU, [s, e): this CPU's
 *                                  invlpgs, then on_each_cpu() with wait
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/special_insns.h>
#include <asm/processor-flags.h>

/* one page, global or not */
static inline void __flush_tlb_one_kernel(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline void local_flush_tlb_kernel_page(unsigned long addr)
{
	__flush_tlb_one_kernel(addr);
}

/* everything, global entries included: toggle CR4.PGE */
static inline void __flush_tlb_all(void)
{
	unsigned long cr4 = __read_cr4();

	native_write_cr4(cr4 ^ X86_CR4_PGE);
	native_write_cr4(cr4);
}

/* the non-global entries */
static inline void __flush_tlb_local(void)
{
	write_cr3(__read_cr3());
}

/* above this many pages a range flush flushes everything (as in Linux) */
#define tlb_single_page_flush_ceiling	33

void flush_tlb_all(void);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/*
 * User mappings: every CPU in mm_cpumask(mm) that has mm loaded flushes the
 * range, through IPIs with wait, so the caller returns only after each
 * target took the IPI: a target with interrupts masked (GUP-fast) holds the
 * flush up until it unmasks.
 */
struct mm_struct;
struct vm_area_struct;
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned int stride_shift);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
void flush_pmd_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

#endif /* _ASM_X86_TLBFLUSH_H */
