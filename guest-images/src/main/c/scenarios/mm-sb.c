// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm-sb: store buffering, no barriers.
 *
 *	x = y = 0
 *	cpu 0: WRITE_ONCE(x, 1); r0 = READ_ONCE(y)
 *	cpu 1: WRITE_ONCE(y, 1); r1 = READ_ONCE(x)
 *
 * Prints "RESULT mm-sb 00=<n> 01=<n> 10=<n> 11=<n>" (outcome r0r1).
 * 00 (each load passes the other CPU's buffered store) is allowed by
 * x86-TSO and ARMv8, forbidden only under sc.
 */
#include <mmulab/scenario.h>
#include <mmulab/litmus.h>

static int x __aligned(L1_CACHE_BYTES);
static int y __aligned(L1_CACHE_BYTES);
static int r0 __aligned(L1_CACHE_BYTES);
static int r1 __aligned(L1_CACHE_BYTES);

static void init(void)
{
	WRITE_ONCE(x, 0);
	WRITE_ONCE(y, 0);
}

static void p0(void)
{
	WRITE_ONCE(x, 1);
	WRITE_ONCE(r0, READ_ONCE(y));
}

static void p1(void)
{
	WRITE_ONCE(y, 1);
	WRITE_ONCE(r1, READ_ONCE(x));
}

static unsigned int outcome(void)
{
	return LITMUS_2BIT(READ_ONCE(r0), READ_ONCE(r1));
}

static const struct litmus_test test = {
	.name = "mm-sb",
	.iterations = ITERATIONS,
	.init = init,
	.thread = { p0, p1 },
	.outcome = outcome,
	.outcomes = LITMUS_OUTCOMES_2BIT,
	.nr_outcomes = 4,
	.forbidden = 0,
};

int scenario_main(unsigned int cpu)
{
	return litmus_run(&test, cpu);
}
