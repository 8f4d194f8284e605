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

DEFINE_LITMUS_2BIT("mm-mp", data, flag, 0);

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
