// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * spin-unrolled: a ticket lock whose wait loop passes two spin hints per
 * round, as GCC unrolls arch_spin_lock()'s loop once where it inlines it
 * into __get_user_pages() on arm64:
 *
 *	1: yield; ldarh w2, [x1]; cmp w4, w2, uxth; b.eq out
 *	   yield; ldarh w2, [x1]; cmp w4, w2, uxth; b.ne 1b
 *
 * The two hints have different PCs, so no hint ever repeats the one just
 * before it; the emulator must still see that the vCPU cycles through the
 * same states with nothing changing and park it (SpinDetector). If it does
 * not, a scheduler that favours the waiter (pct) lets it spin through the
 * whole step budget inside one slice while the holder never runs (in
 * selftest-gup this ended as a 10 s RUNAWAY).
 *
 * CPUs 0 and 1 each take the lock ROUNDS times. Without FIXED a CPU never
 * releases it (a leaked lock): the first to get it spins on it in its next
 * round, and so does the other; the run must end as a HANG naming the
 * spinning CPUs, a few rounds of the loop after the last change, not a
 * budget run out. Built with FIXED every lock is released and every run
 * ends done(0), however long pct lets the waiter run first.
 */
#include <mmulab/scenario.h>

#define ROUNDS 3

static arch_spinlock_t lock __aligned(L1_CACHE_BYTES) = __ARCH_SPIN_LOCK_UNLOCKED;
static int counter __aligned(L1_CACHE_BYTES);
static atomic_t finished __aligned(L1_CACHE_BYTES) = ATOMIC_INIT(0);

/* The wait written out twice by hand, so that every compiler keeps two hints a round. */
static noinline void lock_unrolled(arch_spinlock_t *l)
{
	u32 old = __atomic_fetch_add(&l->val, 1U << 16, __ATOMIC_ACQUIRE);
	u16 ticket = old >> 16;

	for (;;) {
		if (smp_load_acquire(&l->tickets.owner) == ticket)
			return;
		cpu_relax();
		if (smp_load_acquire(&l->tickets.owner) == ticket)
			return;
		cpu_relax();
	}
}

int scenario_main(unsigned int cpu)
{
	int i;

	if (nr_cpu_ids < 2)
		panic("spin-unrolled needs at least 2 CPUs, have %u", nr_cpu_ids);
	if (cpu > 1)
		return 0;
	for (i = 0; i < ROUNDS; i++) {
		lock_unrolled(&lock);
		WRITE_ONCE(counter, READ_ONCE(counter) + 1);
#ifdef FIXED
		arch_spin_unlock(&lock);
#endif
	}
	atomic_inc_return(&finished);
	if (cpu != 0) {
		wake_up_var(&finished);
		return 0;
	}
	wait_var_event(&finished, atomic_read_acquire(&finished) == 2);
	CHECK(READ_ONCE(counter) == 2 * ROUNDS, "counter=%d", READ_ONCE(counter));
	return 0;
}
