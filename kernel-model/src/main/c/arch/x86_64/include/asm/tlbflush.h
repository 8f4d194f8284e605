/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 TLB maintenance. There is no broadcast invalidation: each of these
 * acts on the executing CPU only (other CPUs are shot down with IPIs, in a
 * later part of the model).
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

#endif /* _ASM_X86_TLBFLUSH_H */
