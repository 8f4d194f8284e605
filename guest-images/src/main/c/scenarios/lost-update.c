// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lost-update: two CPUs increment a shared counter with a plain
 * read-modify-write, no lock and no atomic:
 *
 *	cpu 0 and cpu 1, INCREMENTS times each:
 *		v = READ_ONCE(counter); WRITE_ONCE(counter, v + 1);
 *	then atomic_inc_return(&finished)   (fully ordered: the increments
 *	                                     are visible before the count)
 *	cpu 0: wait_var_event(&finished, finished == 2), then
 *	       CHECK(counter == 2 * INCREMENTS)
 *
 * When one CPU's read and write straddle the other's write (a preemption
 * between them, or, under tso/arm, a write still in the store buffer while
 * the other CPU reads), an increment is lost and the CHECK fails:
 *	"lost update: counter=3 expected=4"
 * Otherwise the run ends with done(0). INCREMENTS defaults to 2 (keep it
 * small: exhaustive search explores every interleaving), e.g.
 *	make CFLAGS_scenario_lost-update=-DINCREMENTS=3
 *
 * Built with LOCKED defined (scenarios/lost-update-locked.c), each
 * increment runs under spin_lock(), and the CHECK must never fail.
 */
#include <mmulab/scenario.h>

#ifndef INCREMENTS
#define INCREMENTS	2
#endif

static int counter __aligned(L1_CACHE_BYTES);
static atomic_t finished __aligned(L1_CACHE_BYTES) = ATOMIC_INIT(0);
#ifdef LOCKED
static DEFINE_SPINLOCK(counter_lock);
#endif

static void increment(void)
{
	int v;

#ifdef LOCKED
	spin_lock(&counter_lock);
#endif
	v = READ_ONCE(counter);
	WRITE_ONCE(counter, v + 1);
#ifdef LOCKED
	spin_unlock(&counter_lock);
#endif
}

int scenario_main(unsigned int cpu)
{
	int i, total;

	if (nr_cpu_ids < 2)
		panic("lost-update needs at least 2 CPUs, have %u", nr_cpu_ids);
	if (cpu > 1)
		return 0;

	for (i = 0; i < INCREMENTS; i++)
		increment();

	/* fully ordered: the counter stores before the count, the count before the wake-up */
	atomic_inc_return(&finished);
	if (cpu != 0) {
		wake_up_var(&finished);
		return 0;
	}

	wait_var_event(&finished, atomic_read_acquire(&finished) == 2);
	total = READ_ONCE(counter);
	CHECK(total == 2 * INCREMENTS, "lost update: counter=%d expected=%d", total, 2 * INCREMENTS);
	return 0;
}
