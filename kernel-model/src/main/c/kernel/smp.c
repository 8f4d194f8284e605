// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMP bring-up through the emulator's spin table (<mmulab/hypercall.h>),
 * and the secondary CPUs' C entry.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/smp.h>
#include <linux/atomic.h>
#include <linux/mm.h>
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
