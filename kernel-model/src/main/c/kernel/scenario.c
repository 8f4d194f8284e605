// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Running the scenario: every CPU calls scenario_main(cpu) with interrupts
 * enabled (like a kernel thread). Secondaries record their result, count
 * themselves finished and go idle (interrupts enabled, so they keep
 * answering IPIs); CPU 0 waits for them all and reports HC_DONE.
 */
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <asm/processor.h>
#include <mmulab/boot.h>

static atomic_t cpus_finished = ATOMIC_INIT(0);
static DEFINE_PER_CPU(int, scenario_result);

void __noreturn run_scenario(unsigned int cpu)
{
	unsigned int c;
	long status;
	int ret;

	local_irq_enable();
	ret = scenario_main(cpu);
	this_cpu_write(scenario_result, ret);

	if (cpu != 0) {
		/* fully ordered: the result is visible before the count */
		atomic_inc_return(&cpus_finished);
		cpu_startup_entry(CPUHP_ONLINE);
	}

	while (atomic_read_acquire(&cpus_finished) != (int)nr_cpu_ids - 1)
		cpu_relax();

	status = 0;
	for_each_possible_cpu(c) {
		int r = per_cpu(scenario_result, c);

		if (r) {
			pr_err("scenario_main on cpu %u returned %d\n", c, r);
			if (!status)
				status = r;
		}
	}
	if (ret)
		status = ret;

	local_irq_disable();
	mmulab_hypercall(HC_DONE, (unsigned long)status, 0, 0, 0);
	cpu_park_loop();
}
