// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-loop: the workload of `mmulab bench`'s throughput figure. CPU 0
 * runs bench_loop(): BENCH_ITERATIONS rounds of register-only arithmetic
 * (COMPUTE_ROUNDS xorshift steps) followed by one shared load and one shared
 * store, the mix of a kernel path between two accesses to shared data. The
 * other CPUs return at once.
 *
 * The bench runs the same function twice: on the machine (every shared
 * access a scheduling point, TLB model, store buffers) and on a plain
 * unicorn engine with no hooks, its own softmmu walking the guest's page
 * tables, from bench_loop's entry to bench_loop_end. bench_loop is noinline
 * and takes its inputs as arguments so that the plain run can call it.
 */
#include <mmulab/scenario.h>

#ifndef BENCH_ITERATIONS
#define BENCH_ITERATIONS	20000
#endif
#ifndef COMPUTE_ROUNDS
#define COMPUTE_ROUNDS		32
#endif

unsigned long bench_shared[64] __aligned(L1_CACHE_BYTES);

/* where the plain run stops: the return address bench_loop goes back to */
void noinline bench_loop_end(void)
{
	barrier();
}

unsigned long noinline bench_loop(unsigned long *shared, unsigned long iterations)
{
	unsigned long x = 0x9e3779b97f4a7c15UL;
	unsigned long i;
	int r;

	for (i = 0; i < iterations; i++) {
		for (r = 0; r < COMPUTE_ROUNDS; r++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
		}
		x += READ_ONCE(shared[i & 63]);
		WRITE_ONCE(shared[(i + 1) & 63], x);
	}
	return x;
}

int scenario_main(unsigned int cpu)
{
	if (cpu != 0)
		return 0;
	bench_loop(bench_shared, BENCH_ITERATIONS);
	bench_loop_end();
	return 0;
}
