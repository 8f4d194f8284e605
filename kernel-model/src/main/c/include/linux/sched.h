/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tasks. This kernel runs one thread per CPU (the scenario's), so a task is
 * little more than the address space it runs in: current->mm is the mm
 * whose user half the CPU has loaded (switch_mm(), <asm/mmu_context.h>),
 * NULL for a kernel thread (active_mm is then init_mm). GUP-fast and the
 * fault handlers work on current->mm, as in Linux.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/percpu.h>

struct mm_struct;

struct task_struct {
	struct mm_struct *mm;		/* user address space, or NULL */
	struct mm_struct *active_mm;	/* the mm whose tables are loaded */
	unsigned int cpu;
	int pagefault_disabled;		/* pagefault_disable() depth */
};

DECLARE_PER_CPU(struct task_struct, cpu_task);

/* this CPU's task: there is no preemption and no migration */
#define current		this_cpu_ptr(&cpu_task)

#endif /* _LINUX_SCHED_H */
