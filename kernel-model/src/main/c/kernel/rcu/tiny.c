// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CONFIG_TINY_RCU (<linux/rcupdate.h>), after Linux's kernel/rcu/tiny.c:
 * RCU for a single non-preemptible CPU. rcu_read_lock() only disables
 * preemption, so any point where the caller may sleep is a quiescent
 * state: synchronize_rcu() is one (it returns at once) and callbacks
 * queued before a quiescent state may run after it.
 */
#ifdef CONFIG_TINY_RCU

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/wait_bit.h>

struct rcu_ctrlblk {
	raw_spinlock_t lock;
	struct rcu_head *rcucblist;	/* pending callbacks */
	struct rcu_head **donetail;	/* ... ready up to here */
	struct rcu_head **curtail;	/* ... end of the list */
	unsigned long gp_seq;
};

static struct rcu_ctrlblk rcu_ctrlblk = {
	.lock = __SPIN_LOCK_UNLOCKED(rcu_ctrlblk.lock),
	.donetail = &rcu_ctrlblk.rcucblist,
	.curtail = &rcu_ctrlblk.rcucblist,
};

unsigned long rcu_gp_completed(void)
{
	return READ_ONCE(rcu_ctrlblk.gp_seq) >> 1;
}

/* a quiescent state: everything queued so far is ready */
static void rcu_qs(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&rcu_ctrlblk.lock, flags);
	if (rcu_ctrlblk.donetail != rcu_ctrlblk.curtail)
		rcu_ctrlblk.donetail = rcu_ctrlblk.curtail;
	WRITE_ONCE(rcu_ctrlblk.gp_seq, rcu_ctrlblk.gp_seq + 2);
	raw_spin_unlock_irqrestore(&rcu_ctrlblk.lock, flags);
}

/* rcu_process_callbacks(): invoke the ready ones */
static void rcu_process_callbacks(void)
{
	struct rcu_head *list, *next;
	unsigned long flags;

	raw_spin_lock_irqsave(&rcu_ctrlblk.lock, flags);
	if (rcu_ctrlblk.donetail == &rcu_ctrlblk.rcucblist) {
		raw_spin_unlock_irqrestore(&rcu_ctrlblk.lock, flags);
		return;
	}
	list = rcu_ctrlblk.rcucblist;
	rcu_ctrlblk.rcucblist = *rcu_ctrlblk.donetail;
	*rcu_ctrlblk.donetail = NULL;
	if (rcu_ctrlblk.curtail == rcu_ctrlblk.donetail)
		rcu_ctrlblk.curtail = &rcu_ctrlblk.rcucblist;
	rcu_ctrlblk.donetail = &rcu_ctrlblk.rcucblist;
	raw_spin_unlock_irqrestore(&rcu_ctrlblk.lock, flags);

	for (; list; list = next) {
		next = list->next;
		list->func(list);
	}
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	unsigned long flags;

	head->func = func;
	head->next = NULL;
	raw_spin_lock_irqsave(&rcu_ctrlblk.lock, flags);
	*rcu_ctrlblk.curtail = head;
	rcu_ctrlblk.curtail = &head->next;
	raw_spin_unlock_irqrestore(&rcu_ctrlblk.lock, flags);
}

/* on the one CPU tiny RCU supports, being able to block is a grace period */
void synchronize_rcu(void)
{
	WARN(rcu_read_lock_held(), "Illegal synchronize_rcu() in RCU read-side critical section");
	might_sleep();
	rcu_qs();
	rcu_process_callbacks();
}

void rcu_barrier(void)
{
	synchronize_rcu();
}

void rcu_init(void)
{
}

#endif /* CONFIG_TINY_RCU */
