/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a scenario file (guest-images/src/main/c/scenarios/NAME.c) sees.
 *
 * A scenario defines
 *
 *	int scenario_main(unsigned int cpu);
 *
 * which the kernel calls once on every CPU (cpu == smp_processor_id()),
 * with interrupts enabled (like a kernel thread: IPIs are taken whenever
 * the CPU does not mask them), after the kernel page tables are live, the
 * page allocator is up and every CPU is online. A CPU whose scenario_main
 * returned idles with interrupts enabled (halt / wfi), so it keeps
 * answering IPIs. CPU 0 waits for all secondaries to return, then reports
 * HC_DONE with its own result (or, if that is 0, the first non-zero result
 * of a secondary). UTS_MACHINE names the arch ("x86_64" or "arm64").
 *
 * Besides the basics (printk, BUG/WARN, atomics, barriers, spinlocks,
 * per-CPU data, smp_call_function*), this pulls in: the page allocator
 * (alloc_page, <linux/gfp.h>), struct page helpers (<linux/mm.h>), the
 * vmalloc area and kernel pte helpers (<linux/vmalloc.h>), TLB maintenance
 * (<asm/tlbflush.h>), faulting accesses (<linux/uaccess.h>), the last
 * fault record (<mmulab/fault.h>) and the IRQ counters (<linux/hardirq.h>).
 * Litmus tests add <mmulab/litmus.h>.
 */
#ifndef _MMULAB_SCENARIO_H
#define _MMULAB_SCENARIO_H

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <mmulab/boot.h>
#include <mmulab/fault.h>

#endif /* _MMULAB_SCENARIO_H */
