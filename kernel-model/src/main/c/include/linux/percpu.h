/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-CPU variables.
 *
 * DEFINE_PER_CPU(type, name) places the variable in .data..percpu. The
 * linker script collects that section once (it is CPU 0's copy, the
 * "template") and reserves NR_CPUS - 1 more copies right behind it, each
 * __per_cpu_end - __per_cpu_start bytes (a multiple of the cache line) apart.
 * setup_per_cpu_areas() copies the template to every other CPU before any
 * CPU writes its own copy, so initialisers apply to every CPU.
 *
 *   per_cpu_ptr(&var, cpu) == &var + __per_cpu_offset[cpu]
 *   this_cpu_ptr(&var)     == &var + __my_cpu_offset
 *
 * __my_cpu_offset comes from a per-CPU register (<asm/percpu.h>): x86_64
 * keeps the address of this CPU's copy in GS base and reads
 * pcpu_hot.this_cpu_off as %gs:0; arm64 keeps the offset in TPIDR_EL1.
 * pcpu_hot is the first per-CPU variable (DEFINE_PER_CPU_FIRST).
 *
 * There is no preemption, so this_cpu_ptr() is stable; this_cpu_add() & co.
 * mask interrupts around the read-modify-write (the generic Linux fallback).
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/compiler.h>
#include <linux/cache.h>
#include <linux/threads.h>
#include <linux/types.h>
#include <linux/irqflags.h>
#include <asm/percpu.h>

#define PER_CPU_BASE_SECTION	".data..percpu"
#define PER_CPU_FIRST_SECTION	".data..percpu..first"

#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name
#define DEFINE_PER_CPU(type, name)	__section(PER_CPU_BASE_SECTION) __typeof__(type) name
#define DEFINE_PER_CPU_FIRST(type, name) __section(PER_CPU_FIRST_SECTION) __typeof__(type) name
#define DEFINE_PER_CPU_ALIGNED(type, name) \
	__section(PER_CPU_BASE_SECTION) __typeof__(type) name ____cacheline_aligned
#define DECLARE_PER_CPU_ALIGNED(type, name) extern __typeof__(type) name ____cacheline_aligned

extern unsigned long __per_cpu_offset[NR_CPUS];
#define per_cpu_offset(cpu)	(__per_cpu_offset[(cpu)])

#define SHIFT_PERCPU_PTR(ptr, off)	((__typeof__(ptr))((unsigned long)(ptr) + (off)))
#define per_cpu_ptr(ptr, cpu)		SHIFT_PERCPU_PTR((ptr), per_cpu_offset(cpu))
#define per_cpu(var, cpu)		(*per_cpu_ptr(&(var), (cpu)))
#define raw_cpu_ptr(ptr)		SHIFT_PERCPU_PTR((ptr), __my_cpu_offset)
#define this_cpu_ptr(ptr)		raw_cpu_ptr(ptr)

#define __this_cpu_read(pcp)		READ_ONCE(*raw_cpu_ptr(&(pcp)))
#define __this_cpu_write(pcp, val)	WRITE_ONCE(*raw_cpu_ptr(&(pcp)), (val))
#define __this_cpu_add(pcp, val)	do { *raw_cpu_ptr(&(pcp)) += (val); } while (0)

#define this_cpu_read(pcp)		__this_cpu_read(pcp)
#define this_cpu_write(pcp, val)	__this_cpu_write(pcp, val)
#define this_cpu_add(pcp, val) do {					\
	unsigned long __flags;						\
	raw_local_irq_save(__flags);					\
	__this_cpu_add(pcp, val);					\
	raw_local_irq_restore(__flags);					\
} while (0)
#define this_cpu_sub(pcp, val)		this_cpu_add(pcp, -(val))
#define this_cpu_inc(pcp)		this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)		this_cpu_sub(pcp, 1)

/* The hot per-CPU data every CPU needs from its first C instruction. */
struct pcpu_hot {
	unsigned long this_cpu_off;	/* == __per_cpu_offset[cpu_number]; x86: %gs:0 */
	unsigned int cpu_number;	/* smp_processor_id() */
	int preempt_count;		/* <linux/preempt.h>, as x86's pcpu_hot has it */
};
DECLARE_PER_CPU(struct pcpu_hot, pcpu_hot);

/* section boundaries from the linker script */
extern char __per_cpu_start[], __per_cpu_end[];

void setup_per_cpu_areas(void);

#endif /* _LINUX_PERCPU_H */
