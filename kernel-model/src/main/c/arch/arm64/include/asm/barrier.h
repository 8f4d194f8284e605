/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 memory barriers, as Linux has them:
 *   smp_mb()  dmb ish      smp_rmb() dmb ishld      smp_wmb() dmb ishst
 *   mb()      dsb sy       rmb()     dsb ld         wmb()     dsb st
 *   smp_load_acquire()  LDAR{B,H,}    smp_store_release()  STLR{B,H,}
 * Relaxed atomics are not barriers here, so smp_mb__{before,after}_atomic()
 * are full smp_mb().
 */
#ifndef _ASM_ARM64_BARRIER_H
#define _ASM_ARM64_BARRIER_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/sysreg.h>

#define mb()		dsb(sy)
#define rmb()		dsb(ld)
#define wmb()		dsb(st)

#define smp_mb()	dmb(ish)
#define smp_rmb()	dmb(ishld)
#define smp_wmb()	dmb(ishst)

#define smp_store_release(p, v)						\
do {									\
	union { __unqual_scalar_typeof(*(p)) __val; char __c[1]; } __u = \
		{ .__val = (__unqual_scalar_typeof(*(p)))(v) };		\
	switch (sizeof(*(p))) {						\
	case 1:								\
		asm volatile("stlrb %w1, %0" : "=Q"(*(p))		\
			     : "rZ"(*(u8 *)__u.__c) : "memory");	\
		break;							\
	case 2:								\
		asm volatile("stlrh %w1, %0" : "=Q"(*(p))		\
			     : "rZ"(*(u16 *)__u.__c) : "memory");	\
		break;							\
	case 4:								\
		asm volatile("stlr %w1, %0" : "=Q"(*(p))		\
			     : "rZ"(*(u32 *)__u.__c) : "memory");	\
		break;							\
	case 8:								\
		asm volatile("stlr %x1, %0" : "=Q"(*(p))		\
			     : "rZ"(*(u64 *)__u.__c) : "memory");	\
		break;							\
	}								\
} while (0)

#define smp_load_acquire(p)						\
({									\
	union { __unqual_scalar_typeof(*(p)) __val; char __c[1]; } __u; \
	switch (sizeof(*(p))) {						\
	case 1:								\
		asm volatile("ldarb %w0, %1" : "=r"(*(u8 *)__u.__c)	\
			     : "Q"(*(p)) : "memory");			\
		break;							\
	case 2:								\
		asm volatile("ldarh %w0, %1" : "=r"(*(u16 *)__u.__c)	\
			     : "Q"(*(p)) : "memory");			\
		break;							\
	case 4:								\
		asm volatile("ldar %w0, %1" : "=r"(*(u32 *)__u.__c)	\
			     : "Q"(*(p)) : "memory");			\
		break;							\
	case 8:								\
		asm volatile("ldar %0, %1" : "=r"(*(u64 *)__u.__c)	\
			     : "Q"(*(p)) : "memory");			\
		break;							\
	}								\
	(__typeof__(*(p)))__u.__val;					\
})

#define smp_store_mb(var, value)	do { WRITE_ONCE(var, value); smp_mb(); } while (0)

#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()

#endif /* _ASM_ARM64_BARRIER_H */
