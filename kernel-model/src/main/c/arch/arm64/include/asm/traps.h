/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_TRAPS_H
#define _ASM_ARM64_TRAPS_H

#include <linux/types.h>
#include <asm/esr.h>

/* a write: a data abort with WnR set that is not a cache maintenance op */
static inline bool fault_code_is_write(unsigned long esr)
{
	return esr_is_data_abort(esr) && (esr & ESR_ELx_WNR) && !(esr & ESR_ELx_CM);
}

struct pt_regs;
void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs);

#endif /* _ASM_ARM64_TRAPS_H */
