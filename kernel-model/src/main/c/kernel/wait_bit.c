// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wait_var_event() / wake_up_var() (<linux/wait_bit.h>): Linux's
 * set-state-then-check protocol on a per-CPU waiter record, with a real
 * sleep (halt / wfi) and a real wake-up (an IPI).
 *
 *	waiter (prepare_to_wait_var, check, schedule)	waker (caller + wake_up_var)
 *	WRITE_ONCE(w->var, var)				store the condition
 *	smp_mb()					smp_mb()  (the caller's)
 *	if (!condition)					if (READ_ONCE(w->var) == var &&
 *		sleep while READ_ONCE(w->var)		    cmpxchg(&w->var, var, NULL) == var)
 *							    IPI the waiter
 *
 * Store buffering with a full barrier on both sides: at least one of the
 * two reads sees the other side's store, so either the waiter does not
 * sleep or the waker finds and clears its record. The sleep itself checks
 * the record with interrupts masked and halts in a way that cannot miss an
 * IPI sent after that check (see cpu_wait_for_interrupt()), so a cleared
 * record always ends the sleep.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/wait_bit.h>
#include <asm/barrier.h>
#include <mmulab/wait.h>

/* this CPU's "task state": the variable it sleeps on, NULL when running */
struct wait_var_waiter {
	void *var;
};

static DEFINE_PER_CPU_ALIGNED(struct wait_var_waiter, wait_var_waiter);

void prepare_to_wait_var(void *var)
{
	struct wait_var_waiter *w = this_cpu_ptr(&wait_var_waiter);

	/* set_current_state(): the record is visible before the condition is read */
	smp_store_mb(w->var, var);
}

void finish_wait_var(void *var)
{
	struct wait_var_waiter *w = this_cpu_ptr(&wait_var_waiter);

	(void)var;
	/* __set_current_state(TASK_RUNNING); a waker that still clears it is harmless */
	WRITE_ONCE(w->var, NULL);
	mmulab_wait_done();
}

/*
 * Halt until an interrupt is pending; entered and left with interrupts
 * masked, the interrupt that ended the halt taken in between.
 *   x86_64: "sti; hlt": the STI shadow keeps an interrupt out until HLT, and
 *           HLT does not halt while one is pending.
 *   arm64:  WFI with interrupts still masked (Linux's cpu_do_idle()): it
 *           wakes on a pending interrupt without taking it; unmasking then
 *           takes it. (Unmasking first would leave a window in which the
 *           IPI is taken just before WFI, which then sleeps for ever.)
 */
static void cpu_wait_for_interrupt(void)
{
#if defined(__x86_64__)
	native_safe_halt();
	local_irq_disable();
#elif defined(__aarch64__)
	dsb(sy);
	asm volatile("wfi" : : : "memory");
	local_irq_enable();
	local_irq_disable();
#endif
}

/*
 * The only "task" of this CPU sleeps until a waker clears its record: with
 * nothing else to run, schedule() is the idle loop with an exit condition.
 */
void schedule(void)
{
	struct wait_var_waiter *w = this_cpu_ptr(&wait_var_waiter);

	might_sleep();
	local_irq_disable();
	while (READ_ONCE(w->var))
		cpu_wait_for_interrupt();
	local_irq_enable();
}

void wake_up_var(void *var)
{
	unsigned int cpu, this_cpu = smp_processor_id();

	for_each_possible_cpu(cpu) {
		struct wait_var_waiter *w = per_cpu_ptr(&wait_var_waiter, cpu);

		/* waitqueue_active(): lockless, ordered by the caller's smp_mb() */
		if (READ_ONCE(w->var) != var)
			continue;
		/* try_to_wake_up(): only one waker wins the state change and kicks */
		if (cmpxchg(&w->var, var, NULL) != var)
			continue;
		if (cpu != this_cpu)
			arch_send_call_function_single_ipi(cpu);
	}
}
