// SPDX-License-Identifier: GPL-2.0-or-later
/* Litmus-test runner for scenarios: see <mmulab/litmus.h>. */
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <mmulab/litmus.h>

void litmus_barrier_wait(struct litmus_barrier *b, int *local_sense, int nr)
{
	int sense = !*local_sense;

	*local_sense = sense;
	/* fully ordered: this CPU's earlier accesses are done before it counts */
	if (atomic_inc_return(&b->count) == nr) {
		atomic_set(&b->count, 0);
		/* fully ordered: the reset is visible before anyone is released */
		atomic_xchg(&b->sense, sense);
	} else {
		while (atomic_read_acquire(&b->sense) != sense)
			cpu_relax();
	}
	/* nothing after the barrier is performed before it */
	smp_mb();
}

static struct litmus_barrier litmus_barrier = LITMUS_BARRIER_INIT;
static unsigned long litmus_counts[LITMUS_MAX_OUTCOMES];

int litmus_run(const struct litmus_test *t, unsigned int cpu)
{
	char line[PRINTK_LINE_MAX];
	unsigned long i, seen_forbidden = 0;
	unsigned int o;
	int sense = 0, n;

	BUG_ON(t->nr_outcomes > LITMUS_MAX_OUTCOMES || !t->nr_outcomes);
	if (nr_cpu_ids < 2)
		panic("%s needs at least 2 CPUs, have %u", t->name, nr_cpu_ids);
	if (cpu >= 2)
		return 0;

	for (i = 0; i < t->iterations; i++) {
		if (cpu == 0 && t->init)
			t->init();
		litmus_barrier_wait(&litmus_barrier, &sense, 2);
		t->thread[cpu]();
		litmus_barrier_wait(&litmus_barrier, &sense, 2);
		if (cpu == 0) {
			o = t->outcome();
			BUG_ON(o >= t->nr_outcomes);
			litmus_counts[o]++;
		}
	}
	if (cpu != 0)
		return 0;

	n = snprintf(line, sizeof(line), "RESULT %s", t->name);
	for (o = 0; o < t->nr_outcomes; o++) {
		n += snprintf(line + n, sizeof(line) - n, " %s=%lu", t->outcomes[o], litmus_counts[o]);
		if ((t->forbidden & (1UL << o)) && litmus_counts[o])
			seen_forbidden |= 1UL << o;
	}
	pr_info("%s\n", line);

	for (o = 0; o < t->nr_outcomes; o++)
		if (seen_forbidden & (1UL << o))
			panic("%s: forbidden outcome %s seen %lu times in %lu iterations",
			      t->name, t->outcomes[o], litmus_counts[o], t->iterations);
	return 0;
}
