// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * abba-deadlock: two spinlocks taken in opposite orders.
 *
 *	cpu 0				cpu 1
 *	spin_lock(&a)			spin_lock(&b)
 *	spin_lock(&b)			spin_lock(&a)
 *	...				...
 *
 * When each CPU gets its first lock before the other asks for it, both
 * spin for ever. The emulator sees each spin iteration repeat itself with
 * nothing changing (see SpinDetector) and reports a HANG naming where each
 * CPU spins, instead of running the step budget out. Built with FIXED
 * defined, both CPUs take a before b and every run ends done(0).
 */
#include <mmulab/scenario.h>

static DEFINE_SPINLOCK(a);
static DEFINE_SPINLOCK(b);
static int in_both __aligned(L1_CACHE_BYTES);
static atomic_t finished __aligned(L1_CACHE_BYTES) = ATOMIC_INIT(0);

static void lock_both(spinlock_t *first, spinlock_t *second)
{
	spin_lock(first);
	spin_lock(second);
	WRITE_ONCE(in_both, READ_ONCE(in_both) + 1);
	spin_unlock(second);
	spin_unlock(first);
}

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("abba-deadlock needs at least 2 CPUs, have %u", nr_cpu_ids);
	if (cpu > 1)
		return 0;
#ifdef FIXED
	lock_both(&a, &b);
#else
	if (cpu == 0)
		lock_both(&a, &b);
	else
		lock_both(&b, &a);
#endif
	atomic_inc_return(&finished);
	if (cpu != 0) {
		wake_up_var(&finished);
		return 0;
	}
	wait_var_event(&finished, atomic_read_acquire(&finished) == 2);
	CHECK(READ_ONCE(in_both) == 2, "in_both=%d", READ_ONCE(in_both));
	return 0;
}
