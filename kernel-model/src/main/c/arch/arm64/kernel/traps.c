// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Exception vectors: every exception is unexpected so far and reported as a
 * BUG with the vector, ESR (and its exception class), ELR and FAR.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

extern char vectors[];

static const char *const vector_names[16] = {
	"sync (EL1t)", "IRQ (EL1t)", "FIQ (EL1t)", "SError (EL1t)",
	"sync (EL1h)", "IRQ (EL1h)", "FIQ (EL1h)", "SError (EL1h)",
	"sync (EL0 64)", "IRQ (EL0 64)", "FIQ (EL0 64)", "SError (EL0 64)",
	"sync (EL0 32)", "IRQ (EL0 32)", "FIQ (EL0 32)", "SError (EL0 32)",
};

static const char *esr_class_name(unsigned long ec)
{
	switch (ec) {
	case 0x00: return "unknown";
	case 0x01: return "WFI/WFE";
	case 0x0e: return "illegal execution state";
	case 0x15: return "SVC";
	case 0x16: return "HVC";
	case 0x18: return "MSR/MRS";
	case 0x20: return "instruction abort (lower EL)";
	case 0x21: return "instruction abort";
	case 0x22: return "PC alignment";
	case 0x24: return "data abort (lower EL)";
	case 0x25: return "data abort";
	case 0x26: return "SP alignment";
	case 0x2f: return "SError";
	case 0x3c: return "BRK";
	default: return "other";
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

void __noreturn do_unexpected_exception(unsigned long idx, unsigned long esr,
					unsigned long elr, unsigned long far,
					unsigned long spsr)
{
	unsigned long ec = (esr >> 26) & 0x3f;

	__mmulab_bug_fmt(__FILE__, __LINE__,
			 "unexpected exception %s at ELR %lx: ESR %lx (EC %lx %s), FAR %lx, SPSR %lx",
			 vector_names[idx & 15], elr, esr, ec, esr_class_name(ec), far, spsr);
}
