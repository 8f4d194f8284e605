// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/cpu.h>
#include <linux/irqflags.h>
#include <asm/barrier.h>

/*
 * Wait for an interrupt with interrupts enabled, so the one that wakes us
 * is taken right here. (Linux's cpu_do_idle() waits with them masked and
 * unmasks after; WFI wakes up either way.)
 */
void arch_cpu_idle(void)
{
	dsb(sy);
	local_irq_enable();
	asm volatile("wfi" : : : "memory");
}
