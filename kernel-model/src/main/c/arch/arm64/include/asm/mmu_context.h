/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_MMU_CONTEXT_H
#define _ASM_ARM64_MMU_CONTEXT_H

#include <asm/sysreg.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

/* TTBR0 = the empty table: no user space, and no identity map. */
static inline void cpu_set_reserved_ttbr0(void)
{
	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	isb();
}

/* Drop the boot identity map from TTBR0 on this CPU. */
static inline void cpu_uninstall_idmap(void)
{
	cpu_set_reserved_ttbr0();
	local_flush_tlb_all();
}

/*
 * Install a new kernel root in TTBR1 (the tables must map the code that
 * runs this; both boot tables and swapper_pg_dir map the kernel image).
 * The dsb makes the table stores visible to the walker first.
 */
static inline void cpu_replace_ttbr1(pgd_t *pgdp)
{
	dsb(ish);
	write_sysreg(__pa_symbol(pgdp), ttbr1_el1);
	isb();
	local_flush_tlb_all();
}

/*
 * Load next's user tables in TTBR0 with its ASID (TCR.A1 = 0: TTBR0 holds
 * the current ASID). Every mm has an ASID of its own for the life of the
 * machine (8-bit ASIDs, no rollover), so the switch needs no TLB flush:
 * entries of other mms do not match.
 */
struct mm_struct;
struct task_struct;
void switch_mm(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk);

#endif /* _ASM_ARM64_MMU_CONTEXT_H */
