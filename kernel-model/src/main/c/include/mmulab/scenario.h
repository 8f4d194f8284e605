/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a scenario file (guest-images/src/main/c/scenarios/NAME.c) sees.
 *
 * A scenario defines
 *
 *	int scenario_main(unsigned int cpu);
 *
 * which the kernel calls once on every CPU (cpu == smp_processor_id()),
 * with interrupts masked, after the kernel page tables are live and every
 * CPU is online. CPU 0 waits for all secondaries to return, then reports
 * HC_DONE with its own result (or, if that is 0, the first non-zero result
 * of a secondary). UTS_MACHINE names the arch ("x86_64" or "arm64").
 */
#ifndef _MMULAB_SCENARIO_H
#define _MMULAB_SCENARIO_H

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/setup.h>
#include <mmulab/boot.h>

#endif /* _MMULAB_SCENARIO_H */
