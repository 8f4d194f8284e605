/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arm64: TPIDR_EL1 holds this CPU's per-CPU offset (__per_cpu_offset[cpu]). */
#ifndef _ASM_ARM64_PERCPU_H
#define _ASM_ARM64_PERCPU_H

#include <linux/compiler.h>

#define __my_cpu_offset							\
({									\
	unsigned long __off;						\
	asm volatile("mrs %0, tpidr_el1" : "=r"(__off));		\
	__off;								\
})

static inline void set_my_cpu_offset(unsigned long off)
{
	asm volatile("msr tpidr_el1, %0" : : "r"(off) : "memory");
}

#endif /* _ASM_ARM64_PERCPU_H */
