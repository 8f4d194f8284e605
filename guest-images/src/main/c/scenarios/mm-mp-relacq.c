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

#ifdef __aarch64__
#define FORBIDDEN	BIT(LITMUS_2BIT(1, 0))
#else
#define FORBIDDEN	0
#endif

DEFINE_LITMUS_2BIT("mm-mp-relacq", data, flag, FORBIDDEN);

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
