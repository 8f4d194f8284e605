// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The idle loop (Linux's kernel/sched/idle.c, minus the scheduler): halt
 * with interrupts enabled, run whatever interrupt wakes us, halt again.
 * A CPU here still answers call-function IPIs, so TLB shootdowns and
 * smp_call_function*() aimed at it complete.
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/irqflags.h>

static void do_idle(void)
{
	/* arch_cpu_idle() enables interrupts before it halts */
	local_irq_disable();
	arch_cpu_idle();
}

void __noreturn cpu_startup_entry(enum cpuhp_state state)
{
	(void)state;
	for (;;)
		do_idle();
}
