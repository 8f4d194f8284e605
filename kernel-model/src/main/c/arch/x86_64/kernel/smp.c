// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86_64 IPIs: the local-APIC-like interrupt controller of the emulator.
 * Sending is HC_IPI_SEND(mask, vector); the handler claims the interrupt
 * with HC_IRQ_ACK (the emulator's pending bit is cleared there, so a
 * request queued after the claim raises a new IPI) and ends it with
 * HC_IRQ_EOI.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <asm/barrier.h>
#include <asm/ptrace.h>
#include <mmulab/hypercall.h>

BUILD_BUG_ON_MSG(NR_CPUS > BITS_PER_LONG, "HC_IPI_SEND takes a one-word cpumask");

static void mmulab_send_IPI_mask(const struct cpumask *mask, unsigned int vector)
{
	/*
	 * Like weak_wrmsr_fence() before an x2APIC ICR write: the stores that
	 * queued the request are globally visible before the IPI is sent.
	 */
	mb();
	mmulab_hypercall(HC_IPI_SEND, READ_ONCE(cpumask_bits(mask)[0]), vector, 0, 0);
}

void arch_send_call_function_single_ipi(int cpu)
{
	mmulab_send_IPI_mask(cpumask_of(cpu), MMULAB_IPI_VECTOR);
}

void arch_send_call_function_ipi_mask(const struct cpumask *mask)
{
	mmulab_send_IPI_mask(mask, MMULAB_IPI_VECTOR);
}

/* CALL_FUNCTION_VECTOR, from common_interrupt() with interrupts masked */
void sysvec_call_function(struct pt_regs *regs)
{
	unsigned long irq = mmulab_hypercall(HC_IRQ_ACK, 0, 0, 0, 0);

	(void)regs;
	if (irq == MMULAB_IRQ_SPURIOUS) {
		inc_irq_stat(irq_spurious_count);
		return;
	}
	if (irq == MMULAB_IPI_VECTOR) {
		inc_irq_stat(irq_call_count);
		generic_smp_call_function_interrupt();
	} else {
		inc_irq_stat(irq_spurious_count);
		WARN(1, "call-function vector claimed irq %lu", irq);
	}
	mmulab_hypercall(HC_IRQ_EOI, irq, 0, 0, 0);
}
