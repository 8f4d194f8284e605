// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm-sb-mb: store buffering with smp_mb() between the store and the load.
 *
 *	x = y = 0
 *	cpu 0: WRITE_ONCE(x, 1); smp_mb(); r0 = READ_ONCE(y)
 *	cpu 1: WRITE_ONCE(y, 1); smp_mb(); r1 = READ_ONCE(x)
 *
 * Prints "RESULT mm-sb-mb 00=<n> 01=<n> 10=<n> 11=<n>" (outcome r0r1).
 * 00 is forbidden everywhere (smp_mb() is a locked add on x86, dmb ish on
 * arm64): seeing it BUGs after the RESULT line.
 */
#include <mmulab/scenario.h>
#include <mmulab/litmus.h>

DEFINE_LITMUS_2BIT("mm-sb-mb", x, y, BIT(LITMUS_2BIT(0, 0)));

static void p0(void)
{
	WRITE_ONCE(x, 1);
	smp_mb();
	WRITE_ONCE(r0, READ_ONCE(y));
}

static void p1(void)
{
	WRITE_ONCE(y, 1);
	smp_mb();
	WRITE_ONCE(r1, READ_ONCE(x));
}
