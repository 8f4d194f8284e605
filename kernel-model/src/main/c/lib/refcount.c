// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * refcount_t misuse (<linux/refcount.h>): Linux WARNs and saturates the
 * counter; here the misuse goes to the emulator's refcount oracle first
 * (HC_REFCOUNT, fatal), with the value the offending operation found.
 */
#include <linux/kernel.h>
#include <linux/refcount.h>
#include <mmulab/hypercall.h>

static unsigned long refcount_misuse_kind(enum refcount_saturation_type t)
{
	switch (t) {
	case REFCOUNT_ADD_UAF:
		return MMULAB_REF_INC_FROM_ZERO;	/* "addition on 0; use-after-free" */
	case REFCOUNT_SUB_UAF:				/* "underflow; use-after-free" */
	case REFCOUNT_DEC_LEAK:				/* "decrement hit 0; leaking memory" */
		return MMULAB_REF_UNDERFLOW;
	case REFCOUNT_ADD_NOT_ZERO_OVF:
	case REFCOUNT_ADD_OVF:
	default:
		return MMULAB_REF_SATURATED;		/* "saturated; leaking memory" */
	}
}

void __cold refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t, int old)
{
	mmulab_hypercall(HC_REFCOUNT, refcount_misuse_kind(t), (unsigned long)r, (long)old,
			 (unsigned long)__builtin_return_address(0));
	/* HC_REFCOUNT is fatal; should the emulator go on, behave as Linux */
	refcount_set(r, REFCOUNT_SATURATED);
}
