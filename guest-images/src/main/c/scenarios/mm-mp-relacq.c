// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm-mp-relacq: message passing with release/acquire.
 *
 *	data = flag = 0
 *	cpu 0: WRITE_ONCE(data, 1); smp_store_release(&flag, 1)
 *	cpu 1: r0 = smp_load_acquire(&flag); r1 = READ_ONCE(data)
 *
 * Prints "RESULT mm-mp-relacq 00=<n> 01=<n> 10=<n> 11=<n>" (outcome r0r1).
 * stlr / ldar on arm64, plain movs on x86. 10 is forbidden by ARMv8 and
 * x86-TSO; on arm64 seeing it BUGs after the RESULT line. On x86 the order
 * comes from TSO alone (release/acquire compile to plain movs), so an x86
 * image run under a weaker model may legitimately show it: no BUG there.
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
	smp_store_release(&flag, 1);
}

static void p1(void)
{
	int f, d;

	f = smp_load_acquire(&flag);
	d = READ_ONCE(data);
	WRITE_ONCE(r0, f);
	WRITE_ONCE(r1, d);
}

static unsigned int outcome(void)
{
	return LITMUS_2BIT(READ_ONCE(r0), READ_ONCE(r1));
}

static const struct litmus_test test = {
	.name = "mm-mp-relacq",
	.iterations = ITERATIONS,
	.init = init,
	.thread = { p0, p1 },
	.outcome = outcome,
	.outcomes = LITMUS_OUTCOMES_2BIT,
	.nr_outcomes = 4,
#ifdef __aarch64__
	.forbidden = 1UL << 2,	/* 10 */
#else
	.forbidden = 0,
#endif
};

int scenario_main(unsigned int cpu)
{
	return litmus_run(&test, cpu);
}
