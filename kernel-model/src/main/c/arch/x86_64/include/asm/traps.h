/* SPDX-License-Identifier: GPL-2.0-or-later */
/* x86_64 exception vectors and the #PF error code (Linux's asm/trap_pf.h, traps.h). */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#include <linux/types.h>

enum {
	X86_TRAP_DE = 0, X86_TRAP_DB, X86_TRAP_NMI, X86_TRAP_BP, X86_TRAP_OF,
	X86_TRAP_BR, X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_DF, X86_TRAP_OLD_MF,
	X86_TRAP_TS, X86_TRAP_NP, X86_TRAP_SS, X86_TRAP_GP, X86_TRAP_PF,
	X86_TRAP_SPURIOUS, X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_MC, X86_TRAP_XF,
};

/* #PF error code bits */
enum x86_pf_error_code {
	X86_PF_PROT	= 1 << 0,	/* 0: not-present page, 1: protection violation */
	X86_PF_WRITE	= 1 << 1,	/* 0: read, 1: write */
	X86_PF_USER	= 1 << 2,	/* 0: supervisor, 1: user mode access */
	X86_PF_RSVD	= 1 << 3,	/* reserved bit set in an entry */
	X86_PF_INSTR	= 1 << 4,	/* instruction fetch */
	X86_PF_PK	= 1 << 5,	/* protection keys */
	X86_PF_SHSTK	= 1 << 6,	/* shadow stack */
	X86_PF_SGX	= 1 << 15,
};

static inline bool fault_code_is_write(unsigned long error_code)
{
	return error_code & X86_PF_WRITE;
}

struct pt_regs;
void exc_page_fault(struct pt_regs *regs, unsigned long error_code);

#endif /* _ASM_X86_TRAPS_H */
