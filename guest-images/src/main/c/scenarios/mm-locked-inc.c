// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm-locked-inc: atomicity of read-modify-write under contention. Every
 * online CPU does, ITERATIONS (default 200) times,
 *
 *	atomic_inc(&counter);		relaxed, non-returning (stadd / lock incl)
 *	atomic_fetch_add(1, &counter2);	fully ordered (ldaddal / lock xadd)
 *
 * between two all-CPU barriers; then CPU 0 prints
 *
 *	RESULT mm-locked-inc counter=<v> counter2=<v> expected=<nr_cpus * ITERATIONS>
 *
 * A lost increment is impossible under every model: it BUGs after the line.
 */
#ifndef ITERATIONS
#define ITERATIONS	200
#endif
#include <mmulab/scenario.h>
#include <mmulab/litmus.h>

static atomic_t counter __aligned(L1_CACHE_BYTES);
static atomic_t counter2 __aligned(L1_CACHE_BYTES);
static struct litmus_barrier barrier = LITMUS_BARRIER_INIT;

int scenario_main(unsigned int cpu)
{
	int nr = nr_cpu_ids, sense = 0, expected = nr * ITERATIONS, c1, c2;
	int i;

	if (nr_cpu_ids < 2)
		panic("mm-locked-inc needs at least 2 CPUs, have %u", nr_cpu_ids);

	litmus_barrier_wait(&barrier, &sense, nr);
	for (i = 0; i < ITERATIONS; i++) {
		atomic_inc(&counter);
		atomic_fetch_add(1, &counter2);
	}
	litmus_barrier_wait(&barrier, &sense, nr);

	if (cpu != 0)
		return 0;
	c1 = atomic_read(&counter);
	c2 = atomic_read(&counter2);
	pr_info("RESULT mm-locked-inc counter=%d counter2=%d expected=%d\n", c1, c2, expected);
	if (c1 != expected || c2 != expected)
		panic("mm-locked-inc: lost increments (counter %d, counter2 %d, expected %d)",
		      c1, c2, expected);
	return 0;
}
