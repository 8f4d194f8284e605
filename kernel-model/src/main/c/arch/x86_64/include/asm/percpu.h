/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: GS base holds the address of this CPU's per-CPU area, whose first
 * object is pcpu_hot, so %gs:0 is pcpu_hot.this_cpu_off.
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#include <linux/compiler.h>
#include <asm/msr.h>

#define __my_cpu_offset							\
({									\
	unsigned long __off;						\
	asm volatile("movq %%gs:0, %0" : "=r"(__off));			\
	__off;								\
})

static inline void set_my_cpu_offset(unsigned long off)
{
	extern char __per_cpu_start[];

	wrmsrl(MSR_GS_BASE, (unsigned long)__per_cpu_start + off);
}

#endif /* _ASM_X86_PERCPU_H */
