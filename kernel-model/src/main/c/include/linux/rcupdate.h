/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Read-copy update with real grace periods (kernel/rcu/tree.c), or with
 * CONFIG_TINY_RCU Linux's single-CPU flavour (kernel/rcu/tiny.c).
 *
 *   rcu_read_lock() / rcu_read_unlock()   a read-side critical section;
 *                                         they nest
 *   rcu_dereference(p)                    load an RCU-protected pointer
 *                                         (READ_ONCE: the address
 *                                         dependency orders what follows)
 *   rcu_assign_pointer(p, v)              publish v (store-release)
 *   synchronize_rcu()                     sleep until every reader that
 *                                         was running when it was called
 *                                         has finished
 *   call_rcu(head, func)                  func(head) after a grace period
 *   rcu_barrier()                         wait until every callback queued
 *                                         so far has run
 *
 * Tree (the default): every CPU counts its reader nesting in its own
 * per-CPU rcu_data (Linux's current->rcu_read_lock_nesting: one task per
 * CPU). A grace period starts with a quiescent-state request to every
 * online CPU, an IPI as in synchronize_rcu_expedited() (rcu_exp_handler):
 * a CPU that is not in a read-side critical section when the IPI is taken
 * reports a quiescent state at once; one that is notes it (need_qs) and
 * reports from its outermost rcu_read_unlock(). The grace period ends
 * when every CPU has reported. A CPU with interrupts masked takes no IPI,
 * so IRQ-disabled regions are readers too (Linux's consolidated RCU); a
 * preempt_disable() region is not, here.
 *
 * Callbacks run after their grace period in "softirq" context: at the end
 * of the RCU IPI on a CPU whose interrupted context held no lock
 * (preempt_count() was 0), from an rcu_read_unlock() with interrupts on and
 * no lock held, or in synchronize_rcu()/rcu_barrier(). So a callback may
 * run with interrupts masked on any CPU, and every lock it takes must be
 * taken with interrupts masked (spin_lock_irqsave) everywhere else.
 *
 * CONFIG_TINY_RCU: rcu_read_lock() is preempt_disable(), nothing else;
 * synchronize_rcu() is a quiescent state of the only CPU Linux's tiny RCU
 * supports, so it returns at once and runs the callbacks queued before
 * it. With more than one CPU that is not a grace period at all: this
 * configuration exists for code whose correctness depends on being
 * non-preemptible (folio_ref_try_add_rcu()'s VM_BUG_ON).
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <asm/barrier.h>

#define __rcu

void call_rcu(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu(void);
void rcu_barrier(void);
void rcu_init(void);
/* completed grace periods (gp_seq / 2 in tree RCU), for tests and reports */
unsigned long rcu_gp_completed(void);

#ifdef CONFIG_TINY_RCU

static __always_inline void __rcu_read_lock(void)
{
	preempt_disable();
}

static __always_inline void __rcu_read_unlock(void)
{
	preempt_enable();
}

static inline bool rcu_read_lock_held(void)
{
	return preempt_count() != 0 || irqs_disabled();
}

#else /* tree RCU */

/* per CPU, read by nobody else (kernel/rcu/tree.c) */
struct rcu_reader {
	int nesting;		/* rcu_read_lock() depth of this CPU */
	int need_qs;		/* a grace period waits for our rcu_read_unlock() */
};
DECLARE_PER_CPU(struct rcu_reader, rcu_reader);

void rcu_read_unlock_special(void);

static __always_inline void __rcu_read_lock(void)
{
	struct rcu_reader *r = this_cpu_ptr(&rcu_reader);

	WRITE_ONCE(r->nesting, READ_ONCE(r->nesting) + 1);
	/* the critical section starts after the count (for this CPU's IPI handler) */
	barrier();
}

static __always_inline void __rcu_read_unlock(void)
{
	struct rcu_reader *r = this_cpu_ptr(&rcu_reader);
	int nesting = READ_ONCE(r->nesting) - 1;

	barrier();
	WRITE_ONCE(r->nesting, nesting);
	if (nesting == 0) {
		barrier();
		if (unlikely(READ_ONCE(r->need_qs)))
			rcu_read_unlock_special();
	}
}

static inline bool rcu_read_lock_held(void)
{
	return READ_ONCE(this_cpu_ptr(&rcu_reader)->nesting) > 0 || irqs_disabled();
}

#endif /* CONFIG_TINY_RCU */

#define rcu_read_lock()		__rcu_read_lock()
#define rcu_read_unlock()	__rcu_read_unlock()

/* any of the RCU-protected contexts, as Linux's rcu_read_lock_any_held() */
#define rcu_read_lock_any_held()	(rcu_read_lock_held() || in_atomic())

#define rcu_dereference(p)			READ_ONCE(p)
#define rcu_dereference_raw(p)			READ_ONCE(p)
#define rcu_dereference_check(p, c)		READ_ONCE(p)
#define rcu_dereference_protected(p, c)		(p)
#define rcu_access_pointer(p)			READ_ONCE(p)
#define RCU_INIT_POINTER(p, v)			WRITE_ONCE(p, v)
/* publish: everything written to *v before is visible to whoever finds v */
#define rcu_assign_pointer(p, v)		smp_store_release(&(p), (v))

#endif /* _LINUX_RCUPDATE_H */
