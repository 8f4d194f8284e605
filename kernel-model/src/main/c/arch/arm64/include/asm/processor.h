/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_PROCESSOR_H
#define _ASM_ARM64_PROCESSOR_H

#include <linux/compiler.h>

/* The spin-wait hint: YIELD. A scheduling point in the emulator. */
static __always_inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

/* Park this CPU for good: interrupts masked, WFI in a loop. */
static inline void __noreturn cpu_park_loop(void)
{
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		asm volatile("wfi" : : : "memory");
}

#endif /* _ASM_ARM64_PROCESSOR_H */
