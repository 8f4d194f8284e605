// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * start_kernel: CPU 0's C entry, called by the arch head code on the early
 * page tables with its stack set (see <mmulab/boot.h> for the sequence).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/xarray.h>
#include <linux/maple_tree.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <mmulab/boot.h>

void __noreturn run_scenario(unsigned int cpu);

unsigned long max_pfn;

static void __init clear_bss(void)
{
	memset(__bss_start, 0, __bss_stop - __bss_start);
}

void __init __noreturn start_kernel(unsigned int cpu, unsigned int nr_cpus, unsigned long mem)
{
	unsigned int requested = nr_cpus;

	clear_bss();

	if (nr_cpus < 1)
		nr_cpus = 1;
	if (nr_cpus > NR_CPUS)
		nr_cpus = NR_CPUS;
	nr_cpu_ids = nr_cpus;

	setup_per_cpu_areas();
	smp_prepare_boot_cpu();
	trap_init();

	BUG_ON(cpu != 0);
	WARN(requested != nr_cpus, "%u vCPUs requested, %u supported\n", requested, nr_cpus);

	pr_info("Booting the mmulab guest kernel on %s: %u CPUs, %lu MiB\n", UTS_MACHINE, nr_cpu_ids, mem >> 20);

	setup_arch(mem);
	mem_init();
	rcu_init();
	radix_tree_init();
	maple_tree_init();
	proc_caches_init();
	smp_init();
	run_scenario(0);
}
