// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm-2+2w: two writes each to two locations, in opposite orders.
 *
 *	x = y = 0
 *	cpu 0: WRITE_ONCE(x, 1); WRITE_ONCE(y, 2)
 *	cpu 1: WRITE_ONCE(y, 1); WRITE_ONCE(x, 2)
 *	then (after the iteration barrier) cpu 0 reads x and y
 *
 * Prints "RESULT mm-2+2w x1y1=<n> other=<n>". x=1,y=1 (each CPU's first
 * store ends up last) needs store-store reordering on both CPUs: allowed
 * by ARMv8, forbidden by x86-TSO and sc. Not treated as forbidden here.
 */
#include <mmulab/scenario.h>
#include <mmulab/litmus.h>

static int x __aligned(L1_CACHE_BYTES);
static int y __aligned(L1_CACHE_BYTES);

static void init(void)
{
	WRITE_ONCE(x, 0);
	WRITE_ONCE(y, 0);
}

static void p0(void)
{
	WRITE_ONCE(x, 1);
	WRITE_ONCE(y, 2);
}

static void p1(void)
{
	WRITE_ONCE(y, 1);
	WRITE_ONCE(x, 2);
}

static unsigned int outcome(void)
{
	return READ_ONCE(x) == 1 && READ_ONCE(y) == 1 ? 0 : 1;
}

static const struct litmus_test test = {
	.name = "mm-2+2w",
	.iterations = ITERATIONS,
	.init = init,
	.thread = { p0, p1 },
	.outcome = outcome,
	.outcomes = { "x1y1", "other" },
	.nr_outcomes = 2,
	.forbidden = 0,
};

int scenario_main(unsigned int cpu)
{
	return litmus_run(&test, cpu);
}
