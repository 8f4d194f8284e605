/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#ifndef __ASSEMBLER__
/* The frame early_idt_handler_common builds, lowest address first. */
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di;
	unsigned long vector;		/* pushed by the stub */
	unsigned long error_code;	/* by the CPU, or 0 from the stub */
	unsigned long ip, cs, flags, sp, ss;	/* the CPU's exception frame */
};
#endif

#endif /* _ASM_X86_PTRACE_H */
