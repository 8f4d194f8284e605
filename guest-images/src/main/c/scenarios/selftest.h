/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the selftest-* scenarios (not an image itself).
 *
 *   selftest_barrier(&b)   every CPU waits (sleeping) until all nr_cpu_ids
 *                          have arrived at b; fully ordered, so what each
 *                          did before is visible to all after
 *   selftest_delay(n)      burn n scheduling points (a reader that holds
 *                          on for a while, so other CPUs can act meanwhile)
 *   selftest_rand(&s)      a per-CPU xorshift, deterministic per run
 */
#ifndef _SCENARIOS_SELFTEST_H
#define _SCENARIOS_SELFTEST_H

#include <mmulab/scenario.h>

struct selftest_barrier {
	atomic_t arrived;
} __aligned(L1_CACHE_BYTES);

static inline void selftest_barrier(struct selftest_barrier *b)
{
	/* fully ordered: our stores first, the count before wake_up_var() looks */
	atomic_inc_return(&b->arrived);
	wake_up_var(&b->arrived);
	wait_var_event(&b->arrived, atomic_read_acquire(&b->arrived) >= (int)nr_cpu_ids);
}

static inline void selftest_delay(unsigned int n)
{
	static int sink __aligned(L1_CACHE_BYTES);

	while (n--)
		(void)READ_ONCE(sink);
}

static inline unsigned long selftest_rand(unsigned long *state)
{
	unsigned long x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

#endif /* _SCENARIOS_SELFTEST_H */
