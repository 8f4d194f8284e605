/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 TLB maintenance. The *IS forms are broadcast to every CPU in the
 * inner-shareable domain and complete (for everyone) at the issuing CPU's
 * next DSB ISH: no IPIs are needed, which is what the gup-fast-thp
 * scenario turns on.
 */
#ifndef _ASM_ARM64_TLBFLUSH_H
#define _ASM_ARM64_TLBFLUSH_H

#include <asm/sysreg.h>
#include <asm/page.h>

/* this CPU only */
static inline void local_flush_tlb_all(void)
{
	dsb(nshst);
	asm volatile("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	isb();
}

/* every CPU */
static inline void flush_tlb_all(void)
{
	dsb(ishst);
	asm volatile("tlbi vmalle1is" : : : "memory");
	dsb(ish);
	isb();
}

/* one kernel page, every CPU */
static inline void flush_tlb_kernel_page(unsigned long addr)
{
	dsb(ishst);
	asm volatile("tlbi vaale1is, %0" : : "r"((addr >> PAGE_SHIFT) & ((1UL << 44) - 1)) : "memory");
	dsb(ish);
	isb();
}

#endif /* _ASM_ARM64_TLBFLUSH_H */
