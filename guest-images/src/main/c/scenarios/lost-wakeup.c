// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lost-wakeup: a waiter that checks its condition before it registers as a
 * waiter, the classic lost wake-up.
 *
 *	cpu 1 (BUGGY open-coded wait)		cpu 0
 *	if (!READ_ONCE(ready)) {		WRITE_ONCE(ready, 1);
 *		prepare_to_wait_var(&ready);	smp_mb();
 *		HC_WAIT(&ready, ...);		wake_up_var(&ready);  (IPIs registered waiters)
 *		schedule();			wait_var_event(&ack, smp_load_acquire(&ack));
 *	}
 *	finish_wait_var(&ready);
 *	store_release_wake_up(&ack, 1);
 *
 * In the interleaving "cpu 1 reads ready == 0 -> cpu 0 sets ready and wakes
 * (nobody is registered yet) -> cpu 1 registers and sleeps", nothing will
 * ever wake cpu 1, and cpu 0 sleeps in wait_var_event() for cpu 1's
 * acknowledgement: every CPU sleeps with no interrupt pending, and the
 * emulator reports a hang with what each CPU waits for. Otherwise cpu 1
 * acknowledges and the run ends done(0).
 *
 * Built with FIXED defined, cpu 1 uses wait_var_event(), which registers
 * first and checks after (prepare_to_wait_var's smp_mb against cpu 0's):
 * it never hangs. The fixed image is a build variant of this file:
 *
 *	make -C guest-images OUT=target/images VARIANT=fixed \
 *		CFLAGS_EXTRA=-DFIXED SCENARIOS=lost-wakeup
 *
 * -> guest-images/target/images/ARCH/lost-wakeup-fixed.elf, run as
 * "mmulab run lost-wakeup-fixed".
 */
#include <mmulab/scenario.h>

static int ready __aligned(L1_CACHE_BYTES);
static int ack __aligned(L1_CACHE_BYTES);

static void wait_for_ready(void)
{
#ifdef FIXED
	wait_var_event(&ready, READ_ONCE(ready));
#else
	/* BUG: the condition is read before this CPU is registered as a waiter */
	if (!READ_ONCE(ready)) {
		prepare_to_wait_var(&ready);
		mmulab_wait(&ready, "open-coded wait for ready (checked before prepare_to_wait_var) at "
			    __FILE__ ":" __stringify(__LINE__));
		schedule();
	}
	finish_wait_var(&ready);
#endif
}

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("lost-wakeup needs at least 2 CPUs, have %u", nr_cpu_ids);

	if (cpu == 1) {
		wait_for_ready();
		store_release_wake_up(&ack, 1);
	} else if (cpu == 0) {
		WRITE_ONCE(ready, 1);
		smp_mb();	/* the store before wake_up_var() looks for waiters */
		wake_up_var(&ready);
		wait_var_event(&ack, smp_load_acquire(&ack));
	}
	return 0;
}
