/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Waiting for a variable to change (kernel/wait_bit.c), Linux's
 * wait_var_event() / wake_up_var() with a real sleep underneath.
 *
 * There is one thread per CPU and no scheduler, so "the current task" is
 * the CPU and a wait queue entry is a per-CPU waiter record: the variable
 * this CPU sleeps on, or NULL (Linux: current->__state == TASK_RUNNING and
 * the wait_var_entry on the hashed queue of var, folded into one word).
 *
 *   prepare_to_wait_var(var)  publish "this CPU sleeps on var" with a full
 *                             barrier after it (prepare_to_wait_event() +
 *                             set_current_state(TASK_UNINTERRUPTIBLE))
 *   schedule()                sleep until a waker has cleared the record;
 *                             returns at once if one already has. Sleeping
 *                             is x86 "sti; hlt" / arm64 "wfi" (see
 *                             kernel/wait_bit.c), woken by an IPI
 *   finish_wait_var(var)      withdraw the record (finish_wait()), and end
 *                             the HC_WAIT annotation if there was one
 *   wake_up_var(var)          for every CPU whose record says var: clear
 *                             it (cmpxchg, try_to_wake_up()'s state change)
 *                             and send it an IPI (HC_IPI_SEND, the
 *                             call-function IPI that Linux's remote
 *                             wake-ups use too)
 *
 *   wait_var_event(var, condition)
 *	if (condition) done; else loop {
 *		prepare_to_wait_var(var); if (condition) break;
 *		HC_WAIT(var, "wait_var_event(var, condition) at file:line");
 *		schedule();
 *	} finish_wait_var(var)
 *
 * The ordering contract is Linux's. The waiter stores its record, then
 * smp_mb(), then reads the condition; the waker stores the condition, then
 * needs a full barrier, then wake_up_var() reads the records locklessly
 * (waitqueue_active()). wake_up_var() does NOT contain that barrier: the
 * caller provides it, with smp_mb() or a fully ordered atomic
 * (atomic_inc_return(), atomic_dec_and_test(), ...), or uses
 * store_release_wake_up(). With both barriers either the waiter sees the
 * condition or the waker sees the record; leave one out and the wake-up
 * can be lost (the emulator reports the hang).
 *
 * Checking the condition before prepare_to_wait_var() and sleeping on
 * that stale result is the classic lost wake-up (scenarios/lost-wakeup.c).
 *
 * Waiting needs interrupts enabled (might_sleep()); waking works from any
 * context. A wake-up may be spurious (another wake_up_var of the same var,
 * or an IPI for another reason): wait_var_event() rechecks, and open-coded
 * waits must loop too.
 */
#ifndef _LINUX_WAIT_BIT_H
#define _LINUX_WAIT_BIT_H

#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <asm/barrier.h>
#include <mmulab/wait.h>

void prepare_to_wait_var(void *var);
void finish_wait_var(void *var);
void schedule(void);
void wake_up_var(void *var);

#ifndef might_sleep
/* Linux's might_sleep(): no sleeping with interrupts masked or in atomic context */
#define might_sleep()	WARN_ON_ONCE(irqs_disabled() || in_atomic())
#endif

#define ___wait_var_event(var, condition, what)				\
do {									\
	void *__wv = (void *)(var);					\
									\
	for (;;) {							\
		prepare_to_wait_var(__wv);				\
		if (condition)						\
			break;						\
		mmulab_wait(__wv, what);				\
		schedule();						\
	}								\
	finish_wait_var(__wv);						\
} while (0)

#define wait_var_event(var, condition)					\
do {									\
	might_sleep();							\
	if (condition)							\
		break;							\
	___wait_var_event(var, condition,				\
			  "wait_var_event(" #var ", " #condition ") at "	\
			  __FILE__ ":" __stringify(__LINE__));		\
} while (0)

/*
 * Store val into *var and wake var's waiters, with every barrier needed
 * (Linux's store_release_wake_up()).
 */
#define store_release_wake_up(var, val)					\
do {									\
	smp_store_release(var, val);					\
	smp_mb();							\
	wake_up_var(var);						\
} while (0)

#endif /* _LINUX_WAIT_BIT_H */
