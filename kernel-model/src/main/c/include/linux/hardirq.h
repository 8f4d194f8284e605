/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-CPU interrupt statistics (Linux's irq_stat / irq_cpustat_t), bumped
 * by the IRQ entry code with interrupts masked, read racily by anyone:
 *
 *   irq_count           interrupts taken (every IRQ entry)
 *   irq_call_count      call-function IPIs handled
 *   irq_spurious_count  entries that found nothing pending (HC_IRQ_ACK said
 *                       MMULAB_IRQ_SPURIOUS) or an unknown irq
 *
 * e.g. data_race(per_cpu(irq_stat, cpu).irq_call_count).
 */
#ifndef _LINUX_HARDIRQ_H
#define _LINUX_HARDIRQ_H

#include <linux/percpu.h>
#include <linux/preempt.h>

typedef struct {
	unsigned long irq_count;
	unsigned long irq_call_count;
	unsigned long irq_spurious_count;
} irq_cpustat_t;

DECLARE_PER_CPU(irq_cpustat_t, irq_stat);

#define inc_irq_stat(member)	this_cpu_inc(irq_stat.member)

/* >0 while this CPU runs an interrupt handler */
DECLARE_PER_CPU(int, hardirq_nesting);
#define in_hardirq()		(this_cpu_read(hardirq_nesting) > 0)
#define in_interrupt()		in_hardirq()

/* the handler counts as atomic context (preempt_count() & HARDIRQ_MASK) */
static inline void irq_enter(void)
{
	preempt_count_add(HARDIRQ_OFFSET);
	__this_cpu_write(hardirq_nesting, __this_cpu_read(hardirq_nesting) + 1);
	inc_irq_stat(irq_count);
}

static inline void irq_exit(void)
{
	__this_cpu_write(hardirq_nesting, __this_cpu_read(hardirq_nesting) - 1);
	preempt_count_sub(HARDIRQ_OFFSET);
}

#endif /* _LINUX_HARDIRQ_H */
