// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IDT and the C side of exception and interrupt entry.
 *
 *   vectors 0..31     exceptions: #PF goes to exc_page_fault()
 *                     (arch/x86_64/mm/fault.c); everything else is
 *                     unexpected and reported as a BUG with vector, RIP,
 *                     error code
 *   vectors 32..255   interrupts: MMULAB_IPI_VECTOR (CALL_FUNCTION_VECTOR)
 *                     is the call-function IPI (sysvec_call_function in
 *                     smp.c); any other is spurious (claimed, counted,
 *                     warned about)
 *
 * All are 64-bit interrupt gates: the handlers run with interrupts masked.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/hardirq.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/setup.h>
#include <asm/special_insns.h>
#include <asm/traps.h>
#include <mmulab/hypercall.h>

#define IDT_ENTRIES	NR_VECTORS

BUILD_BUG_ON_MSG(offsetof(struct pt_regs, vector) != PTREGS_VECTOR, "PTREGS_VECTOR");
BUILD_BUG_ON_MSG(offsetof(struct pt_regs, error_code) != PTREGS_ERROR_CODE, "PTREGS_ERROR_CODE");
BUILD_BUG_ON_MSG(offsetof(struct pt_regs, ip) != PTREGS_IP, "PTREGS_IP");
BUILD_BUG_ON_MSG(sizeof(struct pt_regs) != PTREGS_SIZE, "PTREGS_SIZE");
BUILD_BUG_ON_MSG(PTREGS_SIZE % 16 != 0, "pt_regs keeps the stack 16-byte aligned");

extern const char idt_entries[NUM_EXCEPTION_VECTORS][IDT_STUB_SIZE];
extern const char irq_entries_start[NR_VECTORS - FIRST_EXTERNAL_VECTOR][IDT_STUB_SIZE];

void sysvec_call_function(struct pt_regs *regs);

static gate_desc idt_table[IDT_ENTRIES] __section(".bss..page_aligned") __aligned(PAGE_SIZE);

static const struct desc_ptr idt_descr = {
	.size = sizeof(idt_table) - 1,
	.address = (unsigned long)idt_table,
};

static const char *const exception_names[NUM_EXCEPTION_VECTORS] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor segment overrun", "#TS invalid TSS", "#NP segment not present",
	"#SS stack segment", "#GP general protection", "#PF page fault", "reserved 15",
	"#MF x87 floating point", "#AC alignment check", "#MC machine check", "#XM SIMD floating point",
	"#VE virtualization", "#CP control protection", "reserved 22", "reserved 23",
	"reserved 24", "reserved 25", "reserved 26", "reserved 27",
	"#HV hypervisor injection", "#VC VMM communication", "#SX security", "reserved 31",
};

static void set_intr_gate(unsigned int n, const void *addr)
{
	unsigned long a = (unsigned long)addr;
	gate_desc *g = &idt_table[n];

	g->offset_low = a & 0xffff;
	g->segment = __KERNEL_CS;
	g->bits = (GATE_INTERRUPT << 8) | (1 << 15);	/* type, DPL 0, present */
	g->offset_middle = (a >> 16) & 0xffff;
	g->offset_high = a >> 32;
	g->reserved = 0;
}

/* CPU 0: fill the IDT once, then load it */
void __init trap_init(void)
{
	unsigned int i;

	for (i = 0; i < NUM_EXCEPTION_VECTORS; i++)
		set_intr_gate(i, idt_entries[i]);
	for (i = FIRST_EXTERNAL_VECTOR; i < NR_VECTORS; i++)
		set_intr_gate(i, irq_entries_start[i - FIRST_EXTERNAL_VECTOR]);
	cpu_init();
}

/* every CPU */
void cpu_init(void)
{
	load_idt(&idt_descr);
}

static void __noreturn do_error_trap(struct pt_regs *regs)
{
	unsigned long v = regs->vector;

	__mmulab_bug_fmt(__FILE__, __LINE__,
			 "unexpected exception %lu (%s) at RIP %lx: error code %lx, RSP %lx",
			 v, v < NUM_EXCEPTION_VECTORS ? exception_names[v] : "?",
			 regs->ip, regs->error_code, regs->sp);
}

/* exception_common in entry_64.S: vectors 0..31 */
void do_exception(struct pt_regs *regs)
{
	switch (regs->vector) {
	case X86_TRAP_PF:
		exc_page_fault(regs, regs->error_code);
		return;
	default:
		do_error_trap(regs);
	}
}

/* an interrupt on a vector nobody uses: claim it and carry on */
static void spurious_interrupt(struct pt_regs *regs)
{
	unsigned long irq = mmulab_hypercall(HC_IRQ_ACK, 0, 0, 0, 0);

	inc_irq_stat(irq_spurious_count);
	if (irq != MMULAB_IRQ_SPURIOUS)
		mmulab_hypercall(HC_IRQ_EOI, irq, 0, 0, 0);
	WARN(1, "spurious interrupt on vector %lu (claimed irq %lu)", regs->vector, irq);
}

/* interrupt_common in entry_64.S: vectors 32..255 */
void common_interrupt(struct pt_regs *regs)
{
	irq_enter();
	if (regs->vector == MMULAB_IPI_VECTOR)
		sysvec_call_function(regs);
	else
		spurious_interrupt(regs);
	irq_exit();
}
