/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMP bring-up, CPU identity, and cross-CPU function calls.
 *
 * CPU 0 brings the others up in smp_init() by writing the physical address
 * of the arch's secondary entry into mmulab_spin_table[cpu] (see
 * <mmulab/boot.h>); each secondary enables translation, calls
 * secondary_start_kernel(cpu) and marks itself online.
 *
 * Cross-CPU calls (kernel/smp.c), as in Linux:
 *
 *   smp_call_function_single(cpu, func, info, wait)
 *   smp_call_function_many(mask, func, info, wait)   other CPUs in mask
 *   smp_call_function(func, info, wait)               every other online CPU
 *   on_each_cpu(func, info, wait)                     ... and this one
 *   on_each_cpu_mask(mask, func, info, wait)
 *
 * Each request is a call_single_data_t queued on the target's per-CPU
 * call_single_queue (an llist); the IPI is sent (HC_IPI_SEND with the
 * call-function vector / SGI) only when the queue was empty, since a
 * non-empty queue has an IPI in flight already. The target's IPI handler
 * claims the interrupt (HC_IRQ_ACK) *before* it takes the queue, so a
 * request queued after that re-raises the IPI. With wait, the caller spins
 * (cpu_relax) until the target has run func and released the csd
 * (csd_unlock, a store-release). func runs in IRQ context on the target,
 * with interrupts masked; on the calling CPU (on_each_cpu) with interrupts
 * masked too.
 *
 * Call these with interrupts enabled (a CPU that waits for another with
 * interrupts masked can deadlock against it: warned about, as in Linux).
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/llist.h>

#define raw_smp_processor_id()	this_cpu_read(pcpu_hot.cpu_number)
/* No preemption, no migration: the raw id is always the right one. */
#define smp_processor_id()	raw_smp_processor_id()
#define get_cpu()		smp_processor_id()
#define put_cpu()		do { } while (0)

void smp_prepare_boot_cpu(void);
void smp_init(void);
void __noreturn secondary_start_kernel(unsigned int cpu);

typedef void (*smp_call_func_t)(void *info);
typedef bool (*smp_cond_func_t)(int cpu, void *info);

/* csd flags */
#define CSD_FLAG_LOCK		0x01	/* in use: queued or running */
#define CSD_TYPE_SYNC		0x10	/* the caller waits: unlock after func */

struct __call_single_data {
	struct llist_node llist;	/* on the target's call_single_queue */
	unsigned int flags;		/* CSD_FLAG_LOCK | CSD_TYPE_* */
	unsigned short src, dst;	/* sending and target cpu (debugging) */
	smp_call_func_t func;
	void *info;
};
typedef struct __call_single_data call_single_data_t;

#define CSD_INIT(_func, _info)	((call_single_data_t){ .func = (_func), .info = (_info) })

/* scf_flags for smp_call_function_many_cond() */
#define SCF_WAIT		(1U << 0)
#define SCF_RUN_LOCAL		(1U << 1)

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
int smp_call_function_single_async(int cpu, call_single_data_t *csd);
void smp_call_function_many_cond(const struct cpumask *mask, smp_call_func_t func,
				 void *info, unsigned int scf_flags, smp_cond_func_t cond_func);
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func,
			    void *info, bool wait);
void smp_call_function(smp_call_func_t func, void *info, int wait);
void on_each_cpu_cond_mask(smp_cond_func_t cond_func, smp_call_func_t func,
			   void *info, bool wait, const struct cpumask *mask);

static inline void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	on_each_cpu_cond_mask(NULL, func, info, wait, cpu_online_mask);
}

static inline void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func,
				    void *info, bool wait)
{
	on_each_cpu_cond_mask(NULL, func, info, wait, mask);
}

/* the IPI handler's part: run everything queued for this CPU */
void generic_smp_call_function_single_interrupt(void);
#define generic_smp_call_function_interrupt generic_smp_call_function_single_interrupt

/* arch: raise the call-function IPI (<asm/smp.h> implements these) */
void arch_send_call_function_single_ipi(int cpu);
void arch_send_call_function_ipi_mask(const struct cpumask *mask);

#endif /* _LINUX_SMP_H */
