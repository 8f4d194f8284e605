// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tree RCU, reduced to one rcu_node (<linux/rcupdate.h> for the contract).
 *
 * Grace periods follow Linux's rcu_seq counter (rcu_state.gp_seq): even
 * while idle, odd while a grace period runs; rcu_seq_snap() is the value
 * at which a grace period that starts after now has ended. Starting one
 * (rcu_gp_init) sets qsmask to the online CPUs and asks each for a
 * quiescent state with an IPI (rcu_exp_handler, as expedited RCU does);
 * each CPU clears its bit (rcu_report_qs) when it is outside any
 * read-side critical section; the CPU that clears the last bit ends the
 * grace period (rcu_gp_cleanup), wakes synchronize_rcu() callers sleeping
 * on gp_seq, and starts the next grace period if anyone needs one.
 *
 * Callbacks use Linux's segments: next (queued, waiting for a grace period
 * to start), wait (waiting for the current one), done (ready to invoke).
 *
 * Ordering: rcu_state.lock is taken by the updater that starts a grace
 * period and by every CPU that reports, so each report happens after the
 * start (and the removal the updater did before it), and the end of the
 * grace period (gp_seq store under the lock, read with acquire by the
 * waiter) after every report, and thereby after every pre-existing reader.
 */
#ifndef CONFIG_TINY_RCU

#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/wait_bit.h>

#define ULONG_CMP_GE(a, b)	(ULONG_MAX / 2 >= (a) - (b))
#define ULONG_CMP_LT(a, b)	(ULONG_MAX / 2 < (a) - (b))

struct rcu_state {
	raw_spinlock_t lock;
	unsigned long gp_seq;		/* odd: a grace period is running */
	unsigned long gp_seq_needed;	/* the furthest gp_seq anyone waits for */
	unsigned long qsmask;		/* CPUs that still owe a quiescent state */
	struct rcu_head *cbs;		/* every pending callback, in order */
	struct rcu_head **done_tail;	/* end of the done segment */
	struct rcu_head **wait_tail;	/* end of the wait segment */
	struct rcu_head **next_tail;	/* end of the list */
};

static struct rcu_state rcu_state = {
	.lock = __SPIN_LOCK_UNLOCKED(rcu_state.lock),
	.done_tail = &rcu_state.cbs,
	.wait_tail = &rcu_state.cbs,
	.next_tail = &rcu_state.cbs,
};

DEFINE_PER_CPU_ALIGNED(struct rcu_reader, rcu_reader);

static void rcu_exp_handler(void *unused);
static DEFINE_PER_CPU_ALIGNED(call_single_data_t, rcu_exp_csd) = CSD_INIT(rcu_exp_handler, NULL);

static unsigned long rcu_seq_snap(unsigned long s)
{
	return (s + 3) & ~1UL;
}

unsigned long rcu_gp_completed(void)
{
	return READ_ONCE(rcu_state.gp_seq) >> 1;
}

/*
 * rcu_state.lock held, no grace period running: start one. The callbacks
 * queued so far wait for it. The IPIs go out under the lock, so that two
 * CPUs never queue the same csd; this CPU's own request is left to the
 * caller (rcu_exp_handler() takes the lock). Returns true when it started.
 */
static bool rcu_gp_init(void)
{
	struct rcu_state *rsp = &rcu_state;
	unsigned int cpu, this_cpu = smp_processor_id();

	if (rsp->gp_seq & 1)
		return false;
	if (!ULONG_CMP_LT(rsp->gp_seq, rsp->gp_seq_needed) && rsp->wait_tail == rsp->next_tail)
		return false;

	WRITE_ONCE(rsp->gp_seq, rsp->gp_seq + 1);
	rsp->wait_tail = rsp->next_tail;
	rsp->qsmask = 0;
	for_each_online_cpu(cpu)
		rsp->qsmask |= 1UL << cpu;
	/* the removals before this grace period are visible before any CPU is asked */
	smp_mb();
	for_each_online_cpu(cpu) {
		if (cpu != this_cpu)
			/* -EBUSY: a request is still queued there, and will answer this one */
			smp_call_function_single_async(cpu, per_cpu_ptr(&rcu_exp_csd, cpu));
	}
	return true;
}

/* rcu_state.lock held, every CPU reported: end the grace period */
static void rcu_gp_cleanup(void)
{
	struct rcu_state *rsp = &rcu_state;

	rsp->done_tail = rsp->wait_tail;
	smp_store_release(&rsp->gp_seq, rsp->gp_seq + 1);
}

/* this CPU is outside any read-side critical section: clear its bit */
static void rcu_report_qs(void)
{
	struct rcu_state *rsp = &rcu_state;
	unsigned long mask = 1UL << smp_processor_id();
	bool ended = false, started = false;
	unsigned long flags;

	raw_spin_lock_irqsave(&rsp->lock, flags);
	if ((rsp->gp_seq & 1) && (rsp->qsmask & mask)) {
		rsp->qsmask &= ~mask;
		if (!rsp->qsmask) {
			rcu_gp_cleanup();
			ended = true;
			started = rcu_gp_init();
		}
	}
	raw_spin_unlock_irqrestore(&rsp->lock, flags);

	if (ended) {
		/* the new gp_seq before the waiters' records are read */
		smp_mb();
		wake_up_var(&rsp->gp_seq);
	}
	if (started)
		rcu_exp_handler(NULL);
}

/*
 * The quiescent-state request (an IPI, or called directly on the CPU that
 * starts a grace period), with interrupts masked: report now unless this
 * CPU is inside rcu_read_lock(), else leave it to rcu_read_unlock().
 */
static void rcu_do_batch(void);

static void rcu_exp_handler(void *unused)
{
	struct rcu_reader *r = this_cpu_ptr(&rcu_reader);
	unsigned long flags;

	(void)unused;
	local_irq_save(flags);
	if (READ_ONCE(r->nesting) > 0) {
		WRITE_ONCE(r->need_qs, 1);
	} else {
		WRITE_ONCE(r->need_qs, 0);
		rcu_report_qs();
	}
	local_irq_restore(flags);
	/*
	 * As the IPI, this is the end of an interrupt: run ready callbacks
	 * ("softirq at irq_exit") if the interrupted context held nothing
	 * (known only with CONFIG_PREEMPT_COUNT; otherwise they wait for
	 * rcu_read_unlock(), synchronize_rcu() or rcu_barrier()).
	 */
	if (preempt_count() == HARDIRQ_OFFSET)
		rcu_do_batch();
}

/* the outermost rcu_read_unlock() found need_qs */
void rcu_read_unlock_special(void)
{
	struct rcu_reader *r = this_cpu_ptr(&rcu_reader);
	unsigned long flags;

	local_irq_save(flags);
	if (READ_ONCE(r->need_qs) && READ_ONCE(r->nesting) == 0) {
		WRITE_ONCE(r->need_qs, 0);
		rcu_report_qs();
	}
	local_irq_restore(flags);
	/* "softirq": only where no lock is held and interrupts were on */
	if (!irqs_disabled_flags(flags) && preempt_count() == 0)
		rcu_do_batch();
}

static atomic_t rcu_batch_running;

/* detach the done segment (NULL if empty) */
static struct rcu_head *rcu_take_done(void)
{
	struct rcu_state *rsp = &rcu_state;
	struct rcu_head *list;
	unsigned long flags;

	raw_spin_lock_irqsave(&rsp->lock, flags);
	if (rsp->done_tail == &rsp->cbs) {
		raw_spin_unlock_irqrestore(&rsp->lock, flags);
		return NULL;
	}
	list = rsp->cbs;
	rsp->cbs = *rsp->done_tail;
	*rsp->done_tail = NULL;
	if (rsp->wait_tail == rsp->done_tail)
		rsp->wait_tail = &rsp->cbs;
	if (rsp->next_tail == rsp->done_tail)
		rsp->next_tail = &rsp->cbs;
	rsp->done_tail = &rsp->cbs;
	raw_spin_unlock_irqrestore(&rsp->lock, flags);
	return list;
}

/*
 * Invoke the callbacks whose grace period has ended, one CPU at a time,
 * in the order they were queued (Linux invokes each CPU's list in order;
 * rcu_barrier() depends on it): a CPU that finds another invoking leaves
 * its callbacks to that one, which looks again before it stops.
 */
static void rcu_do_batch(void)
{
	struct rcu_head *list, *next;

	for (;;) {
		if (atomic_xchg(&rcu_batch_running, 1))
			return;
		while ((list = rcu_take_done())) {
			for (; list; list = next) {
				next = list->next;
				list->func(list);
			}
		}
		atomic_set_release(&rcu_batch_running, 0);
		/* callbacks that became ready meanwhile were left to us */
		smp_mb();
		if (READ_ONCE(rcu_state.done_tail) == &rcu_state.cbs)
			return;
	}
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	struct rcu_state *rsp = &rcu_state;
	unsigned long flags;
	bool started;

	head->func = func;
	head->next = NULL;
	raw_spin_lock_irqsave(&rsp->lock, flags);
	*rsp->next_tail = head;
	rsp->next_tail = &head->next;
	started = rcu_gp_init();
	raw_spin_unlock_irqrestore(&rsp->lock, flags);
	if (started)
		rcu_exp_handler(NULL);
}

/* sleep until the grace period that ends at gp_seq == snap has ended */
static void rcu_wait_for_gp(unsigned long snap)
{
	struct rcu_state *rsp = &rcu_state;
	unsigned long flags;
	bool started;

	raw_spin_lock_irqsave(&rsp->lock, flags);
	if (ULONG_CMP_LT(rsp->gp_seq_needed, snap))
		rsp->gp_seq_needed = snap;
	started = rcu_gp_init();
	raw_spin_unlock_irqrestore(&rsp->lock, flags);
	if (started)
		rcu_exp_handler(NULL);

	wait_var_event(&rsp->gp_seq, ULONG_CMP_GE(smp_load_acquire(&rsp->gp_seq), snap));
}

void synchronize_rcu(void)
{
	WARN(rcu_read_lock_held(), "Illegal synchronize_rcu() in RCU read-side critical section");
	might_sleep();
	/* the caller's removals are ordered before the grace period starts */
	smp_mb();
	rcu_wait_for_gp(rcu_seq_snap(READ_ONCE(rcu_state.gp_seq)));
	/* and its frees after every reader it waited for */
	smp_mb();
	rcu_do_batch();
}

struct rcu_barrier_head {
	struct rcu_head head;
	int done;
};

static void rcu_barrier_callback(struct rcu_head *head)
{
	struct rcu_barrier_head *b = container_of(head, struct rcu_barrier_head, head);

	/*
	 * Release: the callbacks that ran before this one (on this CPU, or on
	 * another one that handed the batch over with release/acquire) happened
	 * before rcu_barrier() returns. Their effects may be relaxed atomics:
	 *
	 *	CPU 1 (callbacks)		CPU 0 (rcu_barrier)
	 *	atomic_inc(&cbs_run)  (stadd)
	 *	WRITE_ONCE(b->done, 1)		while (!smp_load_acquire(&b.done))
	 *					atomic_read(&cbs_run)  -> may miss the inc
	 *
	 * With a plain store the arm model commits done before the increment
	 * (found by `mmulab run selftest-rcu --arch arm64 --vcpus 4 --strategy
	 * random`); Linux's rcu_barrier() completes through fully ordered atomics.
	 */
	smp_store_release(&b->done, 1);
}

/*
 * Queue a callback behind every callback queued so far and wait for
 * grace periods, running ready callbacks, until it has run.
 */
void rcu_barrier(void)
{
	struct rcu_barrier_head b = { .done = 0 };

	might_sleep();
	call_rcu(&b.head, rcu_barrier_callback);
	while (!smp_load_acquire(&b.done)) {
		rcu_wait_for_gp(rcu_seq_snap(READ_ONCE(rcu_state.gp_seq)));
		smp_mb();
		rcu_do_batch();
	}
}

void rcu_init(void)
{
}

#endif /* !CONFIG_TINY_RCU */
