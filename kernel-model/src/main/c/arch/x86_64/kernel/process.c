// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/cpu.h>
#include <linux/irqflags.h>

/* default_idle(): halt with interrupts enabled, woken by any interrupt */
void arch_cpu_idle(void)
{
	arch_safe_halt();
}
