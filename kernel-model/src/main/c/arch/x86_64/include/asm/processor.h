/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <linux/compiler.h>
#include <asm/special_insns.h>

/* The spin-wait hint: PAUSE (rep; nop). A scheduling point in the emulator. */
static __always_inline void cpu_relax(void)
{
	asm volatile("rep; nop" : : : "memory");
}

/* Park this CPU for good: interrupts masked, HLT in a loop. */
static inline void __noreturn cpu_park_loop(void)
{
	asm volatile("cli" : : : "memory");
	for (;;)
		native_halt();
}

#endif /* _ASM_X86_PROCESSOR_H */
