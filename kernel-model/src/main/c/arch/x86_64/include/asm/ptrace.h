/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

/* byte offsets into struct pt_regs, for entry_64.S (checked in traps.c) */
#define PTREGS_VECTOR		(15 * 8)
#define PTREGS_ERROR_CODE	(16 * 8)
#define PTREGS_IP		(17 * 8)
#define PTREGS_SIZE		(22 * 8)

#ifndef __ASSEMBLER__
#include <linux/types.h>

/*
 * The frame the IDT entry code builds, lowest address first: the general
 * registers, the vector and error code (pushed by the stub, or by the CPU
 * for the exceptions that have one), then the CPU's interrupt frame.
 * iretq returns to ip/cs/flags/sp/ss, so a handler may change ip (the
 * exception-table fixup does).
 */
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di;
	unsigned long vector;		/* pushed by the stub */
	unsigned long error_code;	/* by the CPU, or 0 from the stub */
	unsigned long ip, cs, flags, sp, ss;	/* the CPU's exception frame */
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->ip;
}

static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long val)
{
	regs->ip = val;
}

static inline bool regs_irqs_disabled(const struct pt_regs *regs)
{
	return !(regs->flags & (1UL << 9));
}
#endif

#endif /* _ASM_X86_PTRACE_H */
