// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipi-masked: an IPI to a CPU with interrupts masked waits until it
 * unmasks.
 *
 *   cpu 1: local_irq_disable(); masked = 1; bounded busy work (BUSY_LOOPS
 *          READ_ONCE()s of a shared counter); note whether the IPI handler
 *          has run; unmasking = 1; local_irq_enable(); wait for the handler
 *   cpu 0: wait for masked; smp_call_function_single(1, func, NULL, 1),
 *          where func (on cpu 1) records READ_ONCE(unmasking)
 *
 * When the call returns, cpu 0 prints
 *	RESULT ipi-masked ran_while_masked=<0|1> unmasking_seen_by_handler=<0|1> returned_after_unmask=<0|1>
 * Anything but 0 1 1 is impossible (an interrupt taken while masked, or a
 * call returning before its function ran): it BUGs after the line.
 */
#include <mmulab/scenario.h>

#ifndef BUSY_LOOPS
#define BUSY_LOOPS	3000
#endif

static int masked __aligned(L1_CACHE_BYTES);
static int unmasking __aligned(L1_CACHE_BYTES);
static int handler_ran __aligned(L1_CACHE_BYTES);
static int seen_unmasking;
static int ran_while_masked;
static unsigned long busy_counter __aligned(L1_CACHE_BYTES);

/* on cpu 1, in IRQ context */
static void ipi_func(void *info)
{
	(void)info;
	WRITE_ONCE(seen_unmasking, READ_ONCE(unmasking));
	smp_store_release(&handler_ran, 1);
}

static int cpu1_main(void)
{
	unsigned long sum = 0;
	int i;

	local_irq_disable();
	smp_store_release(&masked, 1);
	for (i = 0; i < BUSY_LOOPS; i++)
		sum += READ_ONCE(busy_counter);
	WRITE_ONCE(ran_while_masked, READ_ONCE(handler_ran));
	WRITE_ONCE(unmasking, 1);
	local_irq_enable();

	while (!smp_load_acquire(&handler_ran))
		cpu_relax();
	return sum ? 1 : 0;	/* nobody writes busy_counter */
}

static int cpu0_main(void)
{
	int rwm, seen, after, err;

	while (!smp_load_acquire(&masked))
		cpu_relax();
	err = smp_call_function_single(1, ipi_func, NULL, 1);
	if (err)
		panic("ipi-masked: smp_call_function_single returned %d", err);

	after = READ_ONCE(unmasking);
	rwm = READ_ONCE(ran_while_masked);
	seen = READ_ONCE(seen_unmasking);
	pr_info("RESULT ipi-masked ran_while_masked=%d unmasking_seen_by_handler=%d returned_after_unmask=%d\n",
		rwm, seen, after);
	if (rwm != 0 || seen != 1 || after != 1)
		panic("ipi-masked: impossible outcome %d %d %d (expected 0 1 1)", rwm, seen, after);
	return 0;
}

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("ipi-masked needs at least 2 CPUs, have %u", nr_cpu_ids);
	if (cpu == 0)
		return cpu0_main();
	if (cpu == 1)
		return cpu1_main();
	return 0;
}
