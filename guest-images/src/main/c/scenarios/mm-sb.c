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

DEFINE_LITMUS_2BIT("mm-sb", x, y, 0);

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
