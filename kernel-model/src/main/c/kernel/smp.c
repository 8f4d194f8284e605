// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMP bring-up through the emulator's spin table (<mmulab/hypercall.h>),
 * the secondary CPUs' C entry, and cross-CPU function calls
 * (smp_call_function*, on_each_cpu: see <linux/smp.h>).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/smp.h>
#include <linux/atomic.h>
#include <linux/mm.h>
#include <linux/llist.h>
#include <linux/irqflags.h>
#include <linux/errno.h>
#include <asm/processor.h>
#include <asm/mmu_context.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <mmulab/boot.h>

void __noreturn run_scenario(unsigned int cpu);

/*
 * Both live in the identity-linked head (VA == PA) so that a secondary can
 * read them with translation off and the emulator can watch the table at
 * its link address. Once paging_init() has run they are reached through
 * the direct map only.
 */
u64 mmulab_spin_table[MMULAB_MAX_CPUS] __section(".head.data") __aligned(64);
u64 secondary_pgdir __section(".head.data") __aligned(8);

unsigned int nr_cpu_ids = 1;
struct cpumask __cpu_online_mask;

#define CPU_BIT_MASK(cpu)	[cpu] = { .bits = { 1UL << (cpu) } }
const struct cpumask __cpu_bit_masks[NR_CPUS] = {
	CPU_BIT_MASK(0), CPU_BIT_MASK(1), CPU_BIT_MASK(2), CPU_BIT_MASK(3),
	CPU_BIT_MASK(4), CPU_BIT_MASK(5), CPU_BIT_MASK(6), CPU_BIT_MASK(7),
};
BUILD_BUG_ON_MSG(NR_CPUS != 8, "__cpu_bit_masks lists 8 CPUs");

void set_cpu_online(unsigned int cpu, bool online)
{
	if (online)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

void __init smp_prepare_boot_cpu(void)
{
	set_my_cpu_offset(per_cpu_offset(0));
	set_cpu_online(0, true);
}

/* Let the emulator start @cpu at the secondary entry. */
static void __init smp_spin_table_release(unsigned int cpu)
{
	u64 *table = __va(__pa_head_symbol(mmulab_spin_table));

	/* everything the secondary will read is visible before it starts */
	smp_wmb();
	WRITE_ONCE(table[cpu], secondary_entry_phys());
}

void __init smp_init(void)
{
	u64 *pgdir_slot = __va(__pa_head_symbol(secondary_pgdir));
	unsigned int cpu;

	WRITE_ONCE(*pgdir_slot, __pa(init_mm.pgd));

	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		smp_spin_table_release(cpu);

	/* like Linux's bringup, wait for every CPU to come online */
	while (num_online_cpus() != nr_cpu_ids)
		cpu_relax();
}

void __noreturn secondary_start_kernel(unsigned int cpu)
{
	set_my_cpu_offset(per_cpu_offset(cpu));
	cpu_uninstall_idmap();
	cpu_init();

	BUG_ON(smp_processor_id() != cpu);

	smp_mb__before_atomic();
	set_cpu_online(cpu, true);

	run_scenario(cpu);
}

/* ---------------------------------------------------------------------- */
/* cross-CPU function calls (Linux's kernel/smp.c)                          */

struct call_function_data {
	call_single_data_t csd[NR_CPUS];	/* one per target */
	struct cpumask cpumask;			/* targets of the current call */
	struct cpumask cpumask_ipi;		/* those that need an IPI */
};

static DEFINE_PER_CPU_ALIGNED(struct call_function_data, cfd_data);
static DEFINE_PER_CPU_ALIGNED(call_single_data_t, csd_data);
static DEFINE_PER_CPU_ALIGNED(struct llist_head, call_single_queue);

/* wait until the csd is free: the target's csd_unlock() (release) */
static void csd_lock_wait(call_single_data_t *csd)
{
	while (smp_load_acquire(&csd->flags) & CSD_FLAG_LOCK)
		cpu_relax();
}

static void csd_lock(call_single_data_t *csd)
{
	csd_lock_wait(csd);
	WRITE_ONCE(csd->flags, csd->flags | CSD_FLAG_LOCK);
	/* the lock is taken before func/info are (re)written */
	smp_wmb();
}

static void csd_unlock(call_single_data_t *csd)
{
	WARN_ON(!(READ_ONCE(csd->flags) & CSD_FLAG_LOCK));
	/* everything func did is visible before the caller sees the unlock */
	smp_store_release(&csd->flags, 0);
}

static void __smp_call_single_queue(int cpu, struct llist_node *node)
{
	/*
	 * Only the first request on an empty queue sends the IPI: a
	 * non-empty queue has one in flight that the target has not claimed
	 * yet (it claims before it takes the queue).
	 */
	if (llist_add(node, &per_cpu(call_single_queue, cpu)))
		arch_send_call_function_single_ipi(cpu);
}

static int generic_exec_single(int cpu, call_single_data_t *csd)
{
	if (cpu == (int)smp_processor_id()) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;
		unsigned long flags;

		/* run here, with interrupts masked as a handler would be */
		local_irq_save(flags);
		csd_unlock(csd);
		func(info);
		local_irq_restore(flags);
		return 0;
	}

	if ((unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		csd_unlock(csd);
		return -ENXIO;
	}

	csd->src = smp_processor_id();
	csd->dst = cpu;
	__smp_call_single_queue(cpu, &csd->llist);
	return 0;
}

/*
 * Run everything queued for this CPU, in the order it was queued. A
 * synchronous request is released after func has run (the caller waits on
 * it and may then reuse or drop its csd), an asynchronous one before
 * (func and info are copied first).
 */
static void __flush_smp_call_function_queue(void)
{
	struct llist_node *entry;
	call_single_data_t *csd, *next;

	entry = llist_del_all(this_cpu_ptr(&call_single_queue));
	entry = llist_reverse_order(entry);

	llist_for_each_entry_safe(csd, next, entry, llist) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		if (READ_ONCE(csd->flags) & CSD_TYPE_SYNC) {
			func(info);
			csd_unlock(csd);
		} else {
			csd_unlock(csd);
			func(info);
		}
	}
}

/* the call-function IPI handler (x86 sysvec_call_function, arm64 do_handle_IPI) */
void generic_smp_call_function_single_interrupt(void)
{
	__flush_smp_call_function_queue();
}

static void warn_if_irqs_disabled(void)
{
	/* waiting for another CPU with interrupts masked can deadlock */
	WARN_ON_ONCE(cpu_online(smp_processor_id()) && irqs_disabled());
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	call_single_data_t *csd;
	call_single_data_t csd_stack = {
		.flags = CSD_FLAG_LOCK | CSD_TYPE_SYNC,
	};
	int err;

	warn_if_irqs_disabled();

	if (wait) {
		csd = &csd_stack;
	} else {
		csd = this_cpu_ptr(&csd_data);
		csd_lock(csd);
	}
	csd->func = func;
	csd->info = info;

	err = generic_exec_single(cpu, csd);

	if (wait)
		csd_lock_wait(csd);
	return err;
}

/* the caller owns csd (func, info set; not in use): -EBUSY if it still is */
int smp_call_function_single_async(int cpu, call_single_data_t *csd)
{
	if (READ_ONCE(csd->flags) & CSD_FLAG_LOCK)
		return -EBUSY;
	WRITE_ONCE(csd->flags, CSD_FLAG_LOCK);
	smp_wmb();
	return generic_exec_single(cpu, csd);
}

void smp_call_function_many_cond(const struct cpumask *mask, smp_call_func_t func,
				 void *info, unsigned int scf_flags, smp_cond_func_t cond_func)
{
	unsigned int this_cpu = smp_processor_id();
	bool wait = scf_flags & SCF_WAIT;
	bool run_local = (scf_flags & SCF_RUN_LOCAL) && cpumask_test_cpu(this_cpu, mask) &&
			 (!cond_func || cond_func(this_cpu, info));
	struct call_function_data *cfd = this_cpu_ptr(&cfd_data);
	unsigned int cpu;
	bool run_remote;

	if (cpu_online(this_cpu))
		warn_if_irqs_disabled();

	cpumask_and(&cfd->cpumask, mask, cpu_online_mask);
	__cpumask_clear_cpu(this_cpu, &cfd->cpumask);
	cpumask_clear(&cfd->cpumask_ipi);

	for_each_cpu(cpu, &cfd->cpumask) {
		call_single_data_t *csd = &cfd->csd[cpu];

		if (cond_func && !cond_func(cpu, info)) {
			__cpumask_clear_cpu(cpu, &cfd->cpumask);
			continue;
		}
		csd_lock(csd);
		if (wait)
			WRITE_ONCE(csd->flags, csd->flags | CSD_TYPE_SYNC);
		csd->func = func;
		csd->info = info;
		csd->src = this_cpu;
		csd->dst = cpu;
		if (llist_add(&csd->llist, &per_cpu(call_single_queue, cpu)))
			__cpumask_set_cpu(cpu, &cfd->cpumask_ipi);
	}
	run_remote = !cpumask_empty(&cfd->cpumask);

	/* one IPI for every target whose queue was empty */
	if (!cpumask_empty(&cfd->cpumask_ipi))
		arch_send_call_function_ipi_mask(&cfd->cpumask_ipi);

	if (run_local) {
		unsigned long flags;

		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
	}

	if (run_remote && wait) {
		for_each_cpu(cpu, &cfd->cpumask)
			csd_lock_wait(&cfd->csd[cpu]);
	}
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func,
			    void *info, bool wait)
{
	smp_call_function_many_cond(mask, func, info, wait ? SCF_WAIT : 0, NULL);
}

void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	smp_call_function_many(cpu_online_mask, func, info, wait);
}

void on_each_cpu_cond_mask(smp_cond_func_t cond_func, smp_call_func_t func,
			   void *info, bool wait, const struct cpumask *mask)
{
	unsigned int scf_flags = SCF_RUN_LOCAL;

	if (wait)
		scf_flags |= SCF_WAIT;
	smp_call_function_many_cond(mask, func, info, scf_flags, cond_func);
}
