/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 memory barriers. x86 is TSO: loads are not reordered with loads,
 * stores not with stores, and a store may pass only a later load (to a
 * different location); locked instructions and MFENCE are full barriers.
 * So smp_rmb/smp_wmb/acquire/release need only stop the compiler, and
 * smp_mb() is a locked no-op add on the stack (cheaper than MFENCE, as in
 * Linux); mb()/rmb()/wmb() are the real fences.
 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux/compiler.h>

#define mb()	asm volatile("mfence" : : : "memory")
#define rmb()	asm volatile("lfence" : : : "memory")
#define wmb()	asm volatile("sfence" : : : "memory")

#define smp_mb()	asm volatile("lock; addl $0,-4(%%rsp)" : : : "memory", "cc")
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()

#define smp_load_acquire(p)						\
({									\
	__unqual_scalar_typeof(*(p)) ___p1 = READ_ONCE(*(p));		\
	barrier();							\
	___p1;								\
})

#define smp_store_release(p, v)						\
do {									\
	barrier();							\
	WRITE_ONCE(*(p), (v));						\
} while (0)

#define smp_store_mb(var, value)					\
	do { (void)__atomic_exchange_n(&(var), (value), __ATOMIC_SEQ_CST); } while (0)

/* every x86 atomic RMW is already a full barrier */
#define smp_mb__before_atomic()	barrier()
#define smp_mb__after_atomic()	barrier()

#endif /* _ASM_X86_BARRIER_H */
