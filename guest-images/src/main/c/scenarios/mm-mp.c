// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm-mp: message passing, no barriers.
 *
 *	data = flag = 0
 *	cpu 0: WRITE_ONCE(data, 1); WRITE_ONCE(flag, 1)
 *	cpu 1: r0 = READ_ONCE(flag); r1 = READ_ONCE(data)
 *
 * Prints "RESULT mm-mp 00=<n> 01=<n> 10=<n> 11=<n>" (outcome r0r1).
 * 10 (flag seen, data not) is the weak outcome: allowed by ARMv8 (the two
 * stores may commit out of order), forbidden by x86-TSO and sc. It is not
 * treated as forbidden here (the image does not know the memory model).
 */
#include <mmulab/scenario.h>
#include <mmulab/litmus.h>

static int data __aligned(L1_CACHE_BYTES);
static int flag __aligned(L1_CACHE_BYTES);
static int r0 __aligned(L1_CACHE_BYTES);
static int r1 __aligned(L1_CACHE_BYTES);

static void init(void)
{
	WRITE_ONCE(data, 0);
	WRITE_ONCE(flag, 0);
}

static void p0(void)
{
	WRITE_ONCE(data, 1);
	WRITE_ONCE(flag, 1);
}

static void p1(void)
{
	int f, d;

	f = READ_ONCE(flag);
	d = READ_ONCE(data);
	WRITE_ONCE(r0, f);
	WRITE_ONCE(r1, d);
}

static unsigned int outcome(void)
{
	return LITMUS_2BIT(READ_ONCE(r0), READ_ONCE(r1));
}

static const struct litmus_test test = {
	.name = "mm-mp",
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
