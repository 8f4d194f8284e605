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

DEFINE_LITMUS_2BIT("mm-mp-mb", data, flag, BIT(LITMUS_2BIT(1, 0)));

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
