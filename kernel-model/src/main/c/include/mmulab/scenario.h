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
 * fault record (<mmulab/fault.h>), the IRQ counters (<linux/hardirq.h>),
 * sleeping until a variable changes (wait_var_event / wake_up_var,
 * <linux/wait_bit.h>, annotated for hang reports by <mmulab/wait.h>),
 * refcount_t (<linux/refcount.h>) and invariant checks (CHECK,
 * <mmulab/check.h>). Litmus tests add <mmulab/litmus.h>.
 *
 * Every CPU enters scenario_main at the same time: kernel/scenario.c holds
 * them at a start barrier, where CPU 0 issues HC_SCENARIO_START (the
 * emulator's checkpoint) before releasing them all. A scenario may also
 * define
 *
 *	void scenario_setup(void);
 *
 * which CPU 0 runs before the barrier: set-up that is not part of the race
 * (allocating, mapping) then happens once, before the checkpoint, instead
 * of in every explored run.
 */
#ifndef _MMULAB_SCENARIO_H
#define _MMULAB_SCENARIO_H

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/refcount.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait_bit.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <mmulab/boot.h>
#include <mmulab/check.h>
#include <mmulab/fault.h>
#include <mmulab/wait.h>

#endif /* _MMULAB_SCENARIO_H */
