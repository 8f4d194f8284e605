// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * runaway: CPU 0 enters a loop that touches no memory (a branch to
 * itself), the kind of guest bug that would never give control back to
 * the emulator. The watchdog stops it and the run ends as a HANG that says
 * where the CPU was.
 */
#include <mmulab/scenario.h>

int scenario_main(unsigned int cpu)
{
	if (cpu == 0)
		for (;;)
			asm volatile("" : : : "memory");	/* a branch to itself */
	return 0;
}
