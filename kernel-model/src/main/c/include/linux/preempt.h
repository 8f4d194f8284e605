/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The preemption counter (CONFIG_PREEMPT_COUNT). This kernel has exactly
 * one thread per CPU and never preempts it, so the count decides nothing
 * about scheduling; it exists so that code can say what Linux says and so
 * that in_atomic() is true where Linux's would be: inside spinlocks,
 * preempt_disable() sections, interrupt handlers and (with
 * CONFIG_TINY_RCU) RCU read-side critical sections. Checks such as
 * folio_ref_try_add_rcu()'s VM_BUG_ON(!in_atomic() && !irqs_disabled())
 * depend on it.
 *
 * The count is per CPU (pcpu_hot.preempt_count, as on x86), changed only
 * by its own CPU; interrupt handlers leave it as they found it, so a plain
 * read-modify-write is enough. Layout as in Linux: bits 0-7 preemption
 * depth, 8-15 softirq, 16-19 hardirq nesting (irq_enter() adds
 * HARDIRQ_OFFSET).
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/percpu.h>

#define PREEMPT_BITS		8
#define SOFTIRQ_BITS		8
#define HARDIRQ_BITS		4
#define PREEMPT_SHIFT		0
#define SOFTIRQ_SHIFT		(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT		(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define PREEMPT_OFFSET		(1 << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET		(1 << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET		(1 << HARDIRQ_SHIFT)
#define PREEMPT_MASK		(((1 << PREEMPT_BITS) - 1) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK		(((1 << SOFTIRQ_BITS) - 1) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK		(((1 << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT)

/*
 * Counting is opt-in for now (CONFIG_PREEMPT_COUNT, implied by
 * CONFIG_TINY_RCU, whose checks need it): the extra per-CPU accesses in
 * every spin_lock() change the explored schedules, and BootTest's x86
 * 4-vCPU run fails with them (under investigation). Without it
 * preempt_count() is 0 and in_atomic() false, as in a Linux kernel
 * without CONFIG_PREEMPT_COUNT.
 */
#if defined(CONFIG_TINY_RCU) && !defined(CONFIG_PREEMPT_COUNT)
#define CONFIG_PREEMPT_COUNT	1
#endif

#ifdef CONFIG_PREEMPT_COUNT
static __always_inline int preempt_count(void)
{
	return READ_ONCE(raw_cpu_ptr(&pcpu_hot)->preempt_count);
}

static __always_inline void __preempt_count_add(int val)
{
	int *pc = &raw_cpu_ptr(&pcpu_hot)->preempt_count;

	WRITE_ONCE(*pc, READ_ONCE(*pc) + val);
}
#else
static __always_inline int preempt_count(void)
{
	return 0;
}

static __always_inline void __preempt_count_add(int val)
{
	(void)val;
}
#endif

#define preempt_count_add(val)		__preempt_count_add(val)
#define preempt_count_sub(val)		__preempt_count_add(-(val))
#define preempt_count_inc()		preempt_count_add(1)
#define preempt_count_dec()		preempt_count_sub(1)

/* the compiler must not move the critical section's accesses across these */
#define preempt_disable()		do { preempt_count_inc(); barrier(); } while (0)
#define preempt_enable()		do { barrier(); preempt_count_dec(); } while (0)
#define preempt_enable_no_resched()	preempt_enable()

#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
/* anything that forbids sleeping: spinlocks, preempt_disable(), irq handlers */
#define in_atomic()		(preempt_count() != 0)
#define preemptible()		(preempt_count() == 0 && !irqs_disabled())

#endif /* _LINUX_PREEMPT_H */
