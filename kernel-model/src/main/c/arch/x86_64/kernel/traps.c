// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IDT: vectors 0..31 point at early_idt_handler_array; nothing is
 * expected, so every exception is reported as a BUG with its vector,
 * RIP, error code and (for #PF) CR2. Vectors 32..255 are not present.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/setup.h>
#include <asm/special_insns.h>

#define IDT_ENTRIES	256

extern const char early_idt_handler_array[NUM_EXCEPTION_VECTORS][EARLY_IDT_HANDLER_SIZE];

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
		set_intr_gate(i, early_idt_handler_array[i]);
	cpu_init();
}

/* every CPU */
void cpu_init(void)
{
	load_idt(&idt_descr);
}

void __noreturn do_early_exception(struct pt_regs *regs)
{
	unsigned long v = regs->vector;

	if (v == 14)
		__mmulab_bug_fmt(__FILE__, __LINE__,
				 "unexpected exception %lu (%s) at RIP %lx: address %lx, error code %lx, RSP %lx",
				 v, exception_names[v], regs->ip, read_cr2(), regs->error_code, regs->sp);
	__mmulab_bug_fmt(__FILE__, __LINE__,
			 "unexpected exception %lu (%s) at RIP %lx: error code %lx, RSP %lx",
			 v, v < NUM_EXCEPTION_VECTORS ? exception_names[v] : "?",
			 regs->ip, regs->error_code, regs->sp);
}
