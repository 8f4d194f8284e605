/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * refcount_t: a reference count that refuses to wrap (Linux's
 * <linux/refcount.h>, the saturating implementation).
 *
 *   refcount_set(r, n), refcount_read(r)      plain store / load
 *   refcount_add(i, r), refcount_inc(r)       relaxed; the caller already
 *                                             holds a reference
 *   refcount_add_not_zero(i, r), refcount_inc_not_zero(r)
 *                                             relaxed cmpxchg loop; false
 *                                             (and no change) at 0
 *   refcount_sub_and_test(i, r), refcount_dec_and_test(r)
 *                                             release, and acquire when it
 *                                             returns true (it dropped the
 *                                             last reference: the caller
 *                                             frees the object)
 *   refcount_dec(r)                           release; must not drop the
 *                                             last reference
 *
 * Misuse is what Linux's refcount_warn_saturate() catches, and here it is
 * reported to the emulator with HC_REFCOUNT(kind, r, old) (fatal; old is
 * the value the offending operation found):
 *
 *   increment from zero  refcount_add/inc on 0: the object may be freed
 *                        already (MMULAB_REF_INC_FROM_ZERO)
 *   underflow            a decrement below 0, or refcount_dec dropping the
 *                        last reference (Linux: "decrement hit 0; leaking
 *                        memory") (MMULAB_REF_UNDERFLOW)
 *   saturation           an increment past INT_MAX, or any increment of a
 *                        counter that is already negative, i.e. saturated
 *                        (MMULAB_REF_SATURATED)
 *
 * Should the emulator resume the CPU, it goes on as Linux does: the counter
 * is pinned at REFCOUNT_SATURATED, where the object is leaked rather than
 * freed while in use.
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <asm/barrier.h>

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

/* old + i, wrapping (the kernel is not built with -fwrapv) */
static __always_inline int __refcount_wrap_add(int old, int i)
{
	return (int)((unsigned int)old + (unsigned int)i);
}

/* report (HC_REFCOUNT) and saturate; lib/refcount.c */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t, int old);

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg_relaxed(&r->refs, &old, __refcount_wrap_add(old, i)));

	if (unlikely(old < 0 || __refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF, old);

	return old;
}

static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return refcount_add_not_zero(1, r);
}

static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add_relaxed(i, &r->refs);

	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF, old);
	else if (unlikely(old < 0 || __refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF, old);
}

static inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub_release(i, &r->refs);

	if (old == i) {
		/* smp_acquire__after_ctrl_dep(): the free sees every earlier put */
		smp_rmb();
		return true;
	}

	if (unlikely(old < 0 || __refcount_wrap_add(old, -i) < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF, old);

	return false;
}

static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

static inline void refcount_dec(refcount_t *r)
{
	int old = atomic_fetch_sub_release(1, &r->refs);

	if (unlikely(old <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK, old);
}

#endif /* _LINUX_REFCOUNT_H */
