/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

#include <asm/special_insns.h>
#include <asm/page.h>

/* Install a root table given by its kernel virtual address. */
static inline void load_cr3(void *pgdir)
{
	write_cr3(__pa(pgdir));
}

/*
 * A secondary drops the early identity map in secondary_startup_64 already
 * (CR3 = secondary_pgdir right after the jump to the kernel image).
 */
static inline void cpu_uninstall_idmap(void)
{
}

/*
 * Load next's page tables on this CPU (no PCID: the CR3 write flushes the
 * old user entries). This CPU joins next's mm_cpumask before the switch, so
 * a shootdown that changes next's tables after reading the mask reaches it:
 *
 *   CPU 0 (switch_mm)               CPU 1 (zap + flush_tlb_range)
 *   set bit in mm_cpumask(next)     clear pte
 *   (atomic, then CR3 write:        smp_mb (in the IPI send path)
 *    serialising)                   read mm_cpumask -> IPI CPU 0
 *   walk next's tables
 */
struct mm_struct;
struct task_struct;
void switch_mm(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk);

#endif /* _ASM_X86_MMU_CONTEXT_H */
