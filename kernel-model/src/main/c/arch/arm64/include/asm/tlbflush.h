/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 TLB maintenance. The *IS forms are broadcast to every CPU in the
 * inner-shareable domain and complete (for everyone) at the issuing CPU's
 * next DSB ISH: no IPIs are needed, which is what the gup-fast-thp
 * scenario turns on. Each helper starts with dsb(ishst) so that the
 * page-table stores it is about are visible to the walkers first, and ends
 * with dsb + isb.
 *
 *   local_flush_tlb_all()              this CPU: tlbi vmalle1; dsb nsh
 *   local_flush_tlb_kernel_page(addr)  this CPU: tlbi vaale1; dsb nsh
 *   flush_tlb_all()                    all CPUs: tlbi vmalle1is; dsb ish
 *   flush_tlb_kernel_page(addr)        all CPUs: tlbi vaale1is; dsb ish
 *   flush_tlb_kernel_range(s, e)       all CPUs: tlbi vaale1is per page
 *                                      (vmalle1is above a ceiling); dsb ish
 *
 * __tlbi(op, arg) / __tlbi0(op) issue one TLBI instruction and nothing else
 * (scenarios that separate the TLBI from its completing DSB use them, e.g.
 * __tlbi(vaale1is, __TLBI_VADDR(addr))).
 */
#ifndef _ASM_ARM64_TLBFLUSH_H
#define _ASM_ARM64_TLBFLUSH_H

#include <asm/sysreg.h>
#include <asm/page.h>

#define __tlbi(op, arg)	asm volatile("tlbi " #op ", %0" : : "r"(arg) : "memory")
#define __tlbi0(op)	asm volatile("tlbi " #op : : : "memory")

/* the TLBI argument of a kernel VA: VA[55:12], no ASID (the *aa* forms) */
#define __TLBI_VADDR(addr)	(((unsigned long)(addr) >> PAGE_SHIFT) & ((1UL << 44) - 1))

/* this CPU only */
static inline void local_flush_tlb_all(void)
{
	dsb(nshst);
	__tlbi0(vmalle1);
	dsb(nsh);
	isb();
}

static inline void local_flush_tlb_kernel_page(unsigned long addr)
{
	dsb(nshst);
	__tlbi(vaale1, __TLBI_VADDR(addr));
	dsb(nsh);
	isb();
}

/* every CPU */
static inline void flush_tlb_all(void)
{
	dsb(ishst);
	__tlbi0(vmalle1is);
	dsb(ish);
	isb();
}

/* one kernel page, every CPU */
static inline void flush_tlb_kernel_page(unsigned long addr)
{
	dsb(ishst);
	__tlbi(vaale1is, __TLBI_VADDR(addr));
	dsb(ish);
	isb();
}

/* above this many pages a range flush flushes everything (as in Linux) */
#define MAX_DVM_OPS	512

static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long addr;

	start &= PAGE_MASK;
	if (end <= start)
		return;
	if ((end - start) >> PAGE_SHIFT > MAX_DVM_OPS) {
		flush_tlb_all();
		return;
	}
	dsb(ishst);
	for (addr = start; addr < end; addr += PAGE_SIZE)
		__tlbi(vaale1is, __TLBI_VADDR(addr));
	dsb(ish);
	isb();
}

/*
 * User mappings (arch/arm64/mm/tlb.c): tlbi vae1is / aside1is with the mm's
 * ASID, completed by dsb ish. Broadcast: no IPIs, so nothing waits for a
 * CPU that has interrupts masked.
 */
struct mm_struct;
struct vm_area_struct;
void __flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long stride);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
void flush_pmd_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

#endif /* _ASM_ARM64_TLBFLUSH_H */
