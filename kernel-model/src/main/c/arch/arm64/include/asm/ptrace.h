/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_PTRACE_H
#define _ASM_ARM64_PTRACE_H

#include <linux/const.h>

/* byte offsets into struct pt_regs, for entry.S (checked in traps.c) */
#define S_X0		0
#define S_LR		(30 * 8)
#define S_SP		(31 * 8)
#define S_PC		(32 * 8)
#define S_PSTATE	(33 * 8)
#define PT_REGS_SIZE	(34 * 8)

/* PSTATE / SPSR fields */
#define PSR_MODE_EL0t	0x00000000
#define PSR_MODE_EL1t	0x00000004
#define PSR_MODE_EL1h	0x00000005
#define PSR_MODE_MASK	0x0000000f

#ifndef __ASSEMBLER__
#include <linux/types.h>

/*
 * The frame the vector entry code saves (kernel_entry in entry.S): x0..x30,
 * the interrupted sp (SP_EL0 for an entry from EL0), and ELR_EL1 / SPSR_EL1
 * as pc / pstate. kernel_exit restores ELR/SPSR from pc/pstate, so a
 * handler may change pc (the exception-table fixup does).
 */
struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->pstate & PSR_MODE_MASK) == PSR_MODE_EL0t;
}

static inline unsigned long instruction_pointer(const struct pt_regs *regs)
{
	return regs->pc;
}

static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long val)
{
	regs->pc = val;
}
#endif

#endif /* _ASM_ARM64_PTRACE_H */
