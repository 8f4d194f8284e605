// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arm64 IPIs through the emulator's GIC-like interrupt controller: SGIs
 * sent with HC_IPI_SEND(mask, sgi), claimed with HC_IRQ_ACK (like reading
 * ICC_IAR1_EL1: the pending state is cleared, so a request queued after the
 * claim raises a new SGI), ended with HC_IRQ_EOI (ICC_EOIR1_EL1).
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <asm/barrier.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <mmulab/hypercall.h>

BUILD_BUG_ON_MSG(NR_CPUS > BITS_PER_LONG, "HC_IPI_SEND takes a one-word cpumask");

enum ipi_msg_type {
	IPI_RESCHEDULE,
	IPI_CALL_FUNC,
	NR_IPI,
};
BUILD_BUG_ON_MSG(IPI_CALL_FUNC != MMULAB_IPI_SGI, "MMULAB_IPI_SGI is IPI_CALL_FUNC");

static void smp_cross_call(const struct cpumask *target, unsigned int ipinr)
{
	/*
	 * As gic_ipi_send_mask(): stores to normal memory (the queued
	 * request) are visible to the other CPUs before the SGI is sent.
	 */
	dsb(ishst);
	mmulab_hypercall(HC_IPI_SEND, READ_ONCE(cpumask_bits(target)[0]), ipinr, 0, 0);
	isb();
}

void arch_send_call_function_single_ipi(int cpu)
{
	smp_cross_call(cpumask_of(cpu), IPI_CALL_FUNC);
}

void arch_send_call_function_ipi_mask(const struct cpumask *mask)
{
	smp_cross_call(mask, IPI_CALL_FUNC);
}

static void do_handle_IPI(unsigned int ipinr)
{
	switch (ipinr) {
	case IPI_CALL_FUNC:
		inc_irq_stat(irq_call_count);
		generic_smp_call_function_interrupt();
		break;
	default:
		inc_irq_stat(irq_spurious_count);
		WARN(1, "CPU%u: Unknown IPI message 0x%x\n", smp_processor_id(), ipinr);
		break;
	}
}

/* the root IRQ handler (gic_handle_irq): one interrupt per exception */
void handle_arch_irq(struct pt_regs *regs)
{
	unsigned long irq = mmulab_hypercall(HC_IRQ_ACK, 0, 0, 0, 0);

	(void)regs;
	if (irq == MMULAB_IRQ_SPURIOUS) {
		inc_irq_stat(irq_spurious_count);
		return;
	}
	if (irq < 16) {
		do_handle_IPI(irq);
	} else {
		inc_irq_stat(irq_spurious_count);
		WARN(1, "unexpected irq %lu", irq);
	}
	mmulab_hypercall(HC_IRQ_EOI, irq, 0, 0, 0);
}
