// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hello: the smallest scenario. Every CPU prints one line,
 *	hello from cpu N (ARCH)
 * and returns 0, so the run ends with HC_DONE(0).
 */
#include <mmulab/scenario.h>

int scenario_main(unsigned int cpu)
{
	printk("hello from cpu %u (%s)\n", cpu, UTS_MACHINE);
	return 0;
}
