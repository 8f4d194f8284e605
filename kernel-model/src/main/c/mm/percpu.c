// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-CPU areas: see <linux/percpu.h>. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/mm_types.h>
#include <linux/sched.h>

unsigned long __per_cpu_offset[NR_CPUS];

DEFINE_PER_CPU_FIRST(struct pcpu_hot, pcpu_hot);

void __init setup_per_cpu_areas(void)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	unsigned int cpu;

	/* copy the template (CPU 0's area) before anyone writes to it */
	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		memcpy(__per_cpu_start + cpu * size, __per_cpu_start, size);

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		__per_cpu_offset[cpu] = cpu * size;
		if (cpu < nr_cpu_ids) {
			per_cpu(pcpu_hot, cpu).this_cpu_off = cpu * size;
			per_cpu(pcpu_hot, cpu).cpu_number = cpu;
		}
	}
}

/* each CPU's one task: a kernel thread until switch_mm gives it an mm */
DEFINE_PER_CPU(struct task_struct, cpu_task) = {
	.mm = NULL,
	.active_mm = &init_mm,
};
