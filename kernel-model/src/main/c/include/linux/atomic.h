/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * atomic_t, atomic64_t, atomic_long_t and cmpxchg()/xchg() on plain scalars,
 * built on the compiler's __atomic builtins, with Linux's ordering contract
 * (Documentation/atomic_t.txt):
 *
 *   - atomic_read()/atomic_set()          plain READ_ONCE()/WRITE_ONCE()
 *   - non-value-returning RMW             RELAXED: no ordering at all
 *       (atomic_add, _sub, _inc, _dec, _and, _or, _xor, _andnot)
 *   - value-returning RMW                 FULLY ORDERED (__ATOMIC_SEQ_CST)
 *       (atomic_add_return, atomic_fetch_*, atomic_xchg, atomic_cmpxchg,
 *        atomic_try_cmpxchg, atomic_*_and_test, atomic_add_negative,
 *        atomic_fetch_add_unless, atomic_add_unless, atomic_inc_not_zero, ...)
 *   - _relaxed / _acquire / _release      variants do exactly what they say
 *   - a failed cmpxchg implies no ordering
 *   - the conditional ops (*_unless, *_not_zero) are ordered only when they
 *     succeed
 *
 * What the builtins become (arm64 with -march=armv8.1-a -mno-outline-atomics):
 * relaxed non-returning ops are STADD/STCLR/STSET/STEOR (LDADD... with a zero
 * destination), fully ordered ones LDADDAL/SWPAL/CASAL, _acquire LDADDA/CASA,
 * _release LDADDL/CASL. On x86_64 every one of them is a LOCK-prefixed
 * instruction (or XCHG), hence a full barrier whatever the C order says: this
 * is why a missing barrier shows up under the arm model only.
 *
 * smp_mb__before_atomic()/smp_mb__after_atomic() (from <asm/barrier.h>)
 * upgrade a relaxed RMW to fully ordered where Linux code asks for it.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/barrier.h>

/* ---------------------------------------------------------------------- */
/* cmpxchg()/xchg() family on naturally aligned scalars                    */

#define __cmpxchg_order(ptr, o, n, order) ({				\
	__typeof__(*(ptr)) __old = (o);					\
	__atomic_compare_exchange_n((ptr), &__old, (n), false,		\
				    order, __ATOMIC_RELAXED);		\
	__old;								\
})
#define cmpxchg(ptr, o, n)		__cmpxchg_order(ptr, o, n, __ATOMIC_SEQ_CST)
#define cmpxchg_relaxed(ptr, o, n)	__cmpxchg_order(ptr, o, n, __ATOMIC_RELAXED)
#define cmpxchg_acquire(ptr, o, n)	__cmpxchg_order(ptr, o, n, __ATOMIC_ACQUIRE)
#define cmpxchg_release(ptr, o, n)	__cmpxchg_order(ptr, o, n, __ATOMIC_RELEASE)

/* try_cmpxchg(ptr, &old, new): true on success; on failure *old = current */
#define __try_cmpxchg_order(ptr, oldp, n, order)			\
	__atomic_compare_exchange_n((ptr), (oldp), (n), false,		\
				    order, __ATOMIC_RELAXED)
#define try_cmpxchg(ptr, oldp, n)	 __try_cmpxchg_order(ptr, oldp, n, __ATOMIC_SEQ_CST)
#define try_cmpxchg_relaxed(ptr, oldp, n) __try_cmpxchg_order(ptr, oldp, n, __ATOMIC_RELAXED)
#define try_cmpxchg_acquire(ptr, oldp, n) __try_cmpxchg_order(ptr, oldp, n, __ATOMIC_ACQUIRE)
#define try_cmpxchg_release(ptr, oldp, n) __try_cmpxchg_order(ptr, oldp, n, __ATOMIC_RELEASE)

#define xchg(ptr, x)		__atomic_exchange_n((ptr), (x), __ATOMIC_SEQ_CST)
#define xchg_relaxed(ptr, x)	__atomic_exchange_n((ptr), (x), __ATOMIC_RELAXED)
#define xchg_acquire(ptr, x)	__atomic_exchange_n((ptr), (x), __ATOMIC_ACQUIRE)
#define xchg_release(ptr, x)	__atomic_exchange_n((ptr), (x), __ATOMIC_RELEASE)

/* ---------------------------------------------------------------------- */
/* atomic_t / atomic64_t / atomic_long_t, generated for all three          */

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

/* non-value-returning: relaxed */
#define __ATOMIC_OP(pfx, vt, op, builtin, xform)				\
static __always_inline void pfx##_##op(vt i, pfx##_t *v)			\
{										\
	(void)__atomic_fetch_##builtin(&v->counter, xform(i), __ATOMIC_RELAXED);\
}

/* fetch_<op> and <op>_return in one ordering flavour */
#define __ATOMIC_FETCH_OP(pfx, vt, op, builtin, xform, sfx, order)		\
static __always_inline vt pfx##_fetch_##op##sfx(vt i, pfx##_t *v)		\
{										\
	return __atomic_fetch_##builtin(&v->counter, xform(i), order);		\
}
#define __ATOMIC_OP_RETURN(pfx, vt, op, builtin, sfx, order)			\
static __always_inline vt pfx##_##op##_return##sfx(vt i, pfx##_t *v)		\
{										\
	return __atomic_##builtin##_fetch(&v->counter, i, order);		\
}

#define __ATOMIC_ID(i)		(i)
#define __ATOMIC_NOT(i)		(~(i))

#define __ATOMIC_FETCH_OPS(pfx, vt, op, builtin, xform)				\
	__ATOMIC_FETCH_OP(pfx, vt, op, builtin, xform, , __ATOMIC_SEQ_CST)	\
	__ATOMIC_FETCH_OP(pfx, vt, op, builtin, xform, _relaxed, __ATOMIC_RELAXED) \
	__ATOMIC_FETCH_OP(pfx, vt, op, builtin, xform, _acquire, __ATOMIC_ACQUIRE) \
	__ATOMIC_FETCH_OP(pfx, vt, op, builtin, xform, _release, __ATOMIC_RELEASE)

#define __ATOMIC_OP_RETURNS(pfx, vt, op, builtin)				\
	__ATOMIC_OP_RETURN(pfx, vt, op, builtin, , __ATOMIC_SEQ_CST)		\
	__ATOMIC_OP_RETURN(pfx, vt, op, builtin, _relaxed, __ATOMIC_RELAXED)	\
	__ATOMIC_OP_RETURN(pfx, vt, op, builtin, _acquire, __ATOMIC_ACQUIRE)	\
	__ATOMIC_OP_RETURN(pfx, vt, op, builtin, _release, __ATOMIC_RELEASE)

#define __ATOMIC_XCHG(pfx, vt, sfx, order)					\
static __always_inline vt pfx##_xchg##sfx(pfx##_t *v, vt n)			\
{										\
	return __atomic_exchange_n(&v->counter, n, order);			\
}										\
static __always_inline vt pfx##_cmpxchg##sfx(pfx##_t *v, vt o, vt n)		\
{										\
	__typeof__(v->counter) old = o;						\
	__atomic_compare_exchange_n(&v->counter, &old, n, false, order,		\
				    __ATOMIC_RELAXED);				\
	return old;								\
}										\
static __always_inline bool pfx##_try_cmpxchg##sfx(pfx##_t *v, vt *o, vt n)	\
{										\
	__typeof__(v->counter) old = *o;					\
	bool ok = __atomic_compare_exchange_n(&v->counter, &old, n, false,	\
					      order, __ATOMIC_RELAXED);		\
	*o = old;								\
	return ok;								\
}

#define __ATOMIC_GEN(pfx, vt)							\
static __always_inline vt pfx##_read(const pfx##_t *v)				\
{										\
	return READ_ONCE(v->counter);						\
}										\
static __always_inline void pfx##_set(pfx##_t *v, vt i)			\
{										\
	WRITE_ONCE(v->counter, i);						\
}										\
static __always_inline vt pfx##_read_acquire(const pfx##_t *v)			\
{										\
	return smp_load_acquire(&v->counter);					\
}										\
static __always_inline void pfx##_set_release(pfx##_t *v, vt i)		\
{										\
	smp_store_release(&v->counter, i);					\
}										\
__ATOMIC_OP(pfx, vt, add, add, __ATOMIC_ID)					\
__ATOMIC_OP(pfx, vt, sub, sub, __ATOMIC_ID)					\
__ATOMIC_OP(pfx, vt, and, and, __ATOMIC_ID)					\
__ATOMIC_OP(pfx, vt, or, or, __ATOMIC_ID)					\
__ATOMIC_OP(pfx, vt, xor, xor, __ATOMIC_ID)					\
__ATOMIC_OP(pfx, vt, andnot, and, __ATOMIC_NOT)					\
__ATOMIC_FETCH_OPS(pfx, vt, add, add, __ATOMIC_ID)				\
__ATOMIC_FETCH_OPS(pfx, vt, sub, sub, __ATOMIC_ID)				\
__ATOMIC_FETCH_OPS(pfx, vt, and, and, __ATOMIC_ID)				\
__ATOMIC_FETCH_OPS(pfx, vt, or, or, __ATOMIC_ID)				\
__ATOMIC_FETCH_OPS(pfx, vt, xor, xor, __ATOMIC_ID)				\
__ATOMIC_FETCH_OPS(pfx, vt, andnot, and, __ATOMIC_NOT)				\
__ATOMIC_OP_RETURNS(pfx, vt, add, add)						\
__ATOMIC_OP_RETURNS(pfx, vt, sub, sub)						\
__ATOMIC_XCHG(pfx, vt, , __ATOMIC_SEQ_CST)					\
__ATOMIC_XCHG(pfx, vt, _relaxed, __ATOMIC_RELAXED)				\
__ATOMIC_XCHG(pfx, vt, _acquire, __ATOMIC_ACQUIRE)				\
__ATOMIC_XCHG(pfx, vt, _release, __ATOMIC_RELEASE)				\
static __always_inline void pfx##_inc(pfx##_t *v) { pfx##_add(1, v); }		\
static __always_inline void pfx##_dec(pfx##_t *v) { pfx##_sub(1, v); }		\
static __always_inline vt pfx##_inc_return(pfx##_t *v)				\
	{ return pfx##_add_return(1, v); }					\
static __always_inline vt pfx##_dec_return(pfx##_t *v)				\
	{ return pfx##_sub_return(1, v); }					\
static __always_inline vt pfx##_inc_return_relaxed(pfx##_t *v)			\
	{ return pfx##_add_return_relaxed(1, v); }				\
static __always_inline vt pfx##_dec_return_relaxed(pfx##_t *v)			\
	{ return pfx##_sub_return_relaxed(1, v); }				\
static __always_inline vt pfx##_inc_return_acquire(pfx##_t *v)			\
	{ return pfx##_add_return_acquire(1, v); }				\
static __always_inline vt pfx##_dec_return_release(pfx##_t *v)			\
	{ return pfx##_sub_return_release(1, v); }				\
static __always_inline vt pfx##_fetch_inc(pfx##_t *v)				\
	{ return pfx##_fetch_add(1, v); }					\
static __always_inline vt pfx##_fetch_dec(pfx##_t *v)				\
	{ return pfx##_fetch_sub(1, v); }					\
static __always_inline vt pfx##_fetch_inc_relaxed(pfx##_t *v)			\
	{ return pfx##_fetch_add_relaxed(1, v); }				\
static __always_inline vt pfx##_fetch_dec_relaxed(pfx##_t *v)			\
	{ return pfx##_fetch_sub_relaxed(1, v); }				\
/* fully ordered tests */							\
static __always_inline bool pfx##_sub_and_test(vt i, pfx##_t *v)		\
	{ return pfx##_sub_return(i, v) == 0; }					\
static __always_inline bool pfx##_dec_and_test(pfx##_t *v)			\
	{ return pfx##_sub_return(1, v) == 0; }					\
static __always_inline bool pfx##_inc_and_test(pfx##_t *v)			\
	{ return pfx##_add_return(1, v) == 0; }					\
static __always_inline bool pfx##_add_negative(vt i, pfx##_t *v)		\
	{ return pfx##_add_return(i, v) < 0; }					\
/* add a to v unless v == u; returns the old value; ordered on success */	\
static __always_inline vt pfx##_fetch_add_unless(pfx##_t *v, vt a, vt u)	\
{										\
	vt c = pfx##_read(v);							\
	do {									\
		if (unlikely(c == u))						\
			break;							\
	} while (!pfx##_try_cmpxchg(v, &c, c + a));				\
	return c;								\
}										\
static __always_inline bool pfx##_add_unless(pfx##_t *v, vt a, vt u)		\
	{ return pfx##_fetch_add_unless(v, a, u) != u; }			\
static __always_inline bool pfx##_inc_not_zero(pfx##_t *v)			\
	{ return pfx##_add_unless(v, 1, 0); }					\
static __always_inline bool pfx##_inc_unless_negative(pfx##_t *v)		\
{										\
	vt c = pfx##_read(v);							\
	do {									\
		if (unlikely(c < 0))						\
			return false;						\
	} while (!pfx##_try_cmpxchg(v, &c, c + 1));				\
	return true;								\
}										\
static __always_inline bool pfx##_dec_unless_positive(pfx##_t *v)		\
{										\
	vt c = pfx##_read(v);							\
	do {									\
		if (unlikely(c > 0))						\
			return false;						\
	} while (!pfx##_try_cmpxchg(v, &c, c - 1));				\
	return true;								\
}										\
/* decrement unless the result would be negative; returns old - 1 */	\
static __always_inline vt pfx##_dec_if_positive(pfx##_t *v)			\
{										\
	vt dec, c = pfx##_read(v);						\
	do {									\
		dec = c - 1;							\
		if (unlikely(dec < 0))						\
			break;							\
	} while (!pfx##_try_cmpxchg(v, &c, dec));				\
	return dec;								\
}

__ATOMIC_GEN(atomic, int)
__ATOMIC_GEN(atomic64, s64)
__ATOMIC_GEN(atomic_long, long)

#endif /* _LINUX_ATOMIC_H */
