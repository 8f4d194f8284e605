// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Running the scenario: every CPU calls scenario_main(cpu) with interrupts
 * enabled (like a kernel thread), all at once: a start barrier holds them
 * until every CPU has arrived, and CPU 0 issues HC_SCENARIO_START there
 * (the emulator checkpoints the machine at that point and starts each
 * exploration run from it) before it wakes them. Secondaries record
 * their result, count themselves finished, wake CPU 0 and go idle
 * (interrupts enabled, so they keep answering IPIs); CPU 0 sleeps until
 * they have all finished and reports HC_DONE.
 */
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <linux/wait_bit.h>
#include <asm/processor.h>
#include <mmulab/boot.h>

static atomic_t cpus_arrived = ATOMIC_INIT(0);
static int scenario_go;
static atomic_t cpus_finished = ATOMIC_INIT(0);
static DEFINE_PER_CPU(int, scenario_result);

/* a scenario that has no setup to do before the checkpoint */
void __weak scenario_setup(void)
{
}

/*
 * CPU 0 runs scenario_setup() first. Every CPU arrives (fully ordered, so
 * all it did before is visible, and the count before wake_up_var() looks
 * for CPU 0); CPU 0 waits for the last arrival and issues
 * HC_SCENARIO_START while the others wait for scenario_go, then releases
 * them. The waits sleep rather than spin, so that no CPU is left spinning
 * at the checkpoint: a spinning CPU would burn scheduling decisions in
 * every explored run (and, under pct, starve CPU 0 until a change point).
 */
static void scenario_start_barrier(unsigned int cpu)
{
	if (cpu == 0)
		scenario_setup();
	atomic_inc_return(&cpus_arrived);
	if (cpu != 0) {
		wake_up_var(&cpus_arrived);
		wait_var_event(&scenario_go, smp_load_acquire(&scenario_go));
		return;
	}
	wait_var_event(&cpus_arrived, atomic_read_acquire(&cpus_arrived) == (int)nr_cpu_ids);
	mmulab_hypercall(HC_SCENARIO_START, 0, 0, 0, 0);
	store_release_wake_up(&scenario_go, 1);
}

void __noreturn run_scenario(unsigned int cpu)
{
	unsigned int c;
	long status;
	int ret;

	local_irq_enable();
	scenario_start_barrier(cpu);
	ret = scenario_main(cpu);
	this_cpu_write(scenario_result, ret);

	if (cpu != 0) {
		/*
		 * Fully ordered: the result is visible before the count, and
		 * the count before wake_up_var() looks for CPU 0.
		 */
		atomic_inc_return(&cpus_finished);
		wake_up_var(&cpus_finished);
		cpu_startup_entry(CPUHP_ONLINE);
	}

	wait_var_event(&cpus_finished,
		       atomic_read_acquire(&cpus_finished) == (int)nr_cpu_ids - 1);

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
