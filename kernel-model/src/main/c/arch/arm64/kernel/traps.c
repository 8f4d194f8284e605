// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The C side of the exception vectors (entry.S), after Linux's
 * arch/arm64/kernel/entry-common.c:
 *
 *   el1h_64_sync_handler  data/instruction abort -> do_mem_abort()
 *                         (arch/arm64/mm/fault.c); anything else: BUG
 *   el1h_64_irq_handler   handle_arch_irq() (smp.c: the call-function SGI)
 *   el0t_64_*             the same for EL0 (no user space exists yet)
 *   do_bad_vector         FIQ, SError, EL1t, AArch32: BUG
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/hardirq.h>
#include <asm/esr.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

BUILD_BUG_ON_MSG(offsetof(struct pt_regs, regs[30]) != S_LR, "S_LR");
BUILD_BUG_ON_MSG(offsetof(struct pt_regs, sp) != S_SP, "S_SP");
BUILD_BUG_ON_MSG(offsetof(struct pt_regs, pc) != S_PC, "S_PC");
BUILD_BUG_ON_MSG(offsetof(struct pt_regs, pstate) != S_PSTATE, "S_PSTATE");
BUILD_BUG_ON_MSG(sizeof(struct pt_regs) != PT_REGS_SIZE, "PT_REGS_SIZE");
BUILD_BUG_ON_MSG(PT_REGS_SIZE % 16 != 0, "pt_regs keeps sp 16-byte aligned");

extern char vectors[];

void handle_arch_irq(struct pt_regs *regs);

static const char *const vector_names[16] = {
	"sync (EL1t)", "IRQ (EL1t)", "FIQ (EL1t)", "SError (EL1t)",
	"sync (EL1h)", "IRQ (EL1h)", "FIQ (EL1h)", "SError (EL1h)",
	"sync (EL0 64)", "IRQ (EL0 64)", "FIQ (EL0 64)", "SError (EL0 64)",
	"sync (EL0 32)", "IRQ (EL0 32)", "FIQ (EL0 32)", "SError (EL0 32)",
};

const char *esr_get_class_string(unsigned long esr)
{
	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_UNKNOWN: return "Unknown/Uncategorized";
	case ESR_ELx_EC_WFx: return "WFI/WFE";
	case ESR_ELx_EC_ILL: return "PSTATE.IL";
	case ESR_ELx_EC_SVC64: return "SVC (AArch64)";
	case ESR_ELx_EC_HVC64: return "HVC (AArch64)";
	case ESR_ELx_EC_SYS64: return "MSR/MRS (AArch64)";
	case ESR_ELx_EC_IABT_LOW: return "IABT (lower EL)";
	case ESR_ELx_EC_IABT_CUR: return "IABT (current EL)";
	case ESR_ELx_EC_PC_ALIGN: return "PC Alignment";
	case ESR_ELx_EC_DABT_LOW: return "DABT (lower EL)";
	case ESR_ELx_EC_DABT_CUR: return "DABT (current EL)";
	case ESR_ELx_EC_SP_ALIGN: return "SP Alignment";
	case ESR_ELx_EC_SERROR: return "SError";
	case ESR_ELx_EC_BRK64: return "BRK (AArch64)";
	default: return "UNRECOGNIZED EC";
	}
}

void __init trap_init(void)
{
	cpu_init();
}

/* every CPU */
void cpu_init(void)
{
	write_sysreg(vectors, vbar_el1);
	isb();
}

static void __noreturn __panic_unhandled(struct pt_regs *regs, const char *vector,
					 unsigned long esr)
{
	__mmulab_bug_fmt(__FILE__, __LINE__,
			 "unexpected exception %s at ELR %llx: ESR %lx (EC %lx %s), FAR %lx, SPSR %llx, SP %llx",
			 vector, regs->pc, esr, ESR_ELx_EC(esr), esr_get_class_string(esr),
			 read_sysreg(far_el1), regs->pstate, regs->sp);
}

/* entry.S el_invalid: an exception class the kernel never expects */
void __noreturn do_bad_vector(struct pt_regs *regs, unsigned long idx)
{
	__panic_unhandled(regs, vector_names[idx & 15], read_sysreg(esr_el1));
}

static void el1_abort(struct pt_regs *regs, unsigned long esr)
{
	unsigned long far = read_sysreg(far_el1);

	do_mem_abort(far, esr, regs);
}

void el1h_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_CUR:
	case ESR_ELx_EC_IABT_CUR:
		el1_abort(regs, esr);
		break;
	default:
		__panic_unhandled(regs, "64-bit el1h sync", esr);
	}
}

void el1h_64_irq_handler(struct pt_regs *regs)
{
	irq_enter();
	handle_arch_irq(regs);
	irq_exit();
}

void el0t_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_LOW:
	case ESR_ELx_EC_IABT_LOW:
		do_mem_abort(read_sysreg(far_el1), esr, regs);
		break;
	default:
		__panic_unhandled(regs, "64-bit el0t sync", esr);
	}
}

void el0t_64_irq_handler(struct pt_regs *regs)
{
	el1h_64_irq_handler(regs);
}
