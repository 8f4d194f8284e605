// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm-mp-mb: message passing with smp_mb() on both sides.
 *
 *	data = flag = 0
 *	cpu 0: WRITE_ONCE(data, 1); smp_mb(); WRITE_ONCE(flag, 1)
 *	cpu 1: r0 = READ_ONCE(flag); smp_mb(); r1 = READ_ONCE(data)
 *
 * Prints "RESULT mm-mp-mb 00=<n> 01=<n> 10=<n> 11=<n>" (outcome r0r1).
 * 10 is forbidden everywhere (dmb ish on arm64, locked add on x86): seeing
 * it BUGs after the RESULT line.
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
	smp_mb();
	WRITE_ONCE(flag, 1);
}

static void p1(void)
{
	int f, d;

	f = READ_ONCE(flag);
	smp_mb();
	d = READ_ONCE(data);
	WRITE_ONCE(r0, f);
	WRITE_ONCE(r1, d);
}

static unsigned int outcome(void)
{
	return LITMUS_2BIT(READ_ONCE(r0), READ_ONCE(r1));
}

static const struct litmus_test test = {
	.name = "mm-mp-mb",
	.iterations = ITERATIONS,
	.init = init,
	.thread = { p0, p1 },
	.outcome = outcome,
	.outcomes = LITMUS_OUTCOMES_2BIT,
	.nr_outcomes = 4,
	.forbidden = 1UL << 2,	/* 10 */
};

int scenario_main(unsigned int cpu)
{
	return litmus_run(&test, cpu);
}
