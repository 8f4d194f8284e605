/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Litmus tests as scenarios (lib/litmus.c). A two-thread test runs its
 * body ITERATIONS times on CPUs 0 and 1 (other CPUs return at once and
 * idle), each iteration fenced by a reusable barrier:
 *
 *	cpu 0: init()                    (reset the shared locations)
 *	both:  litmus_barrier_wait()
 *	cpu N: thread[N]()               (the test body; results to shared vars)
 *	both:  litmus_barrier_wait()
 *	cpu 0: counts[outcome()]++
 *
 * and CPU 0 prints one line
 *
 *	RESULT <name> <outcome>=<count> ...
 *
 * with every outcome in the order of test->outcomes (zero counts
 * included). An outcome in test->forbidden (a bitmask of outcome indices)
 * is one that neither x86-TSO nor ARMv8 allows: if it was seen, the run
 * BUGs after printing the line.
 *
 * The barrier is sense-reversing and built on fully ordered atomics only
 * (atomic_inc_return, atomic_xchg) with acquire spinning and an smp_mb()
 * on the way out, so each CPU's accesses of one iteration are complete and
 * visible before any CPU starts the next: iterations do not bleed into
 * each other whatever the memory model.
 *
 * ITERATIONS defaults to 100; override per scenario, e.g.
 *	make CFLAGS_scenario_mm-sb=-DITERATIONS=1000
 *
 * Most tests are two shared locations and two 0/1 results r0 and r1 with
 * the outcome "r0r1": DEFINE_LITMUS_2BIT() below writes all of such a
 * test but its two bodies.
 */
#ifndef _MMULAB_LITMUS_H
#define _MMULAB_LITMUS_H

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/compiler.h>

#ifndef ITERATIONS
#define ITERATIONS	100
#endif

#define LITMUS_MAX_OUTCOMES	8

struct litmus_barrier {
	atomic_t count;		/* arrivals in this round */
	atomic_t sense;		/* flipped by the last arrival */
};

#define LITMUS_BARRIER_INIT	{ ATOMIC_INIT(0), ATOMIC_INIT(0) }

/*
 * Wait until nr CPUs have arrived. *local_sense is the caller's own
 * variable, 0 before the first use.
 */
void litmus_barrier_wait(struct litmus_barrier *b, int *local_sense, int nr);

struct litmus_test {
	const char *name;
	unsigned long iterations;
	void (*init)(void);			/* cpu 0, before each iteration */
	void (*thread[2])(void);		/* cpu 0, cpu 1 */
	unsigned int (*outcome)(void);		/* cpu 0, after: index into outcomes */
	const char *outcomes[LITMUS_MAX_OUTCOMES];
	unsigned int nr_outcomes;
	unsigned long forbidden;		/* bit i: outcomes[i] is forbidden */
};

/* every CPU calls this from scenario_main(); returns its result */
int litmus_run(const struct litmus_test *test, unsigned int cpu);

/* the usual 2-bit outcome "r0r1" of two 0/1 results */
#define LITMUS_OUTCOMES_2BIT	{ "00", "01", "10", "11" }
#define LITMUS_2BIT(r0, r1)	((unsigned int)(!!(r0)) * 2 + (unsigned int)(!!(r1)))

/*
 * DEFINE_LITMUS_2BIT(name, a, b, forbidden) declares the shared int
 * locations a and b (zeroed by cpu 0 before every iteration) and the
 * results r0 and r1, each on its own cache line, and the bodies p0()
 * (cpu 0) and p1() (cpu 1), which the scenario then defines, storing r0
 * and r1 with WRITE_ONCE. It defines the test (outcome LITMUS_2BIT(r0, r1),
 * ITERATIONS iterations) and scenario_main(). forbidden is the outcome
 * mask, e.g. store buffering with full barriers:
 *
 *	DEFINE_LITMUS_2BIT("mm-sb-mb", x, y, BIT(LITMUS_2BIT(0, 0)));
 *
 *	static void p0(void)
 *	{
 *		WRITE_ONCE(x, 1);
 *		smp_mb();
 *		WRITE_ONCE(r0, READ_ONCE(y));
 *	}
 *
 *	static void p1(void) ...
 */
#define DEFINE_LITMUS_2BIT(_name, _a, _b, _forbidden)			\
static int _a __aligned(L1_CACHE_BYTES);				\
static int _b __aligned(L1_CACHE_BYTES);				\
static int r0 __aligned(L1_CACHE_BYTES);				\
static int r1 __aligned(L1_CACHE_BYTES);				\
									\
static void p0(void);							\
static void p1(void);							\
									\
static void litmus_2bit_init(void)					\
{									\
	WRITE_ONCE(_a, 0);						\
	WRITE_ONCE(_b, 0);						\
}									\
									\
static unsigned int litmus_2bit_outcome(void)				\
{									\
	return LITMUS_2BIT(READ_ONCE(r0), READ_ONCE(r1));		\
}									\
									\
static const struct litmus_test litmus_2bit_test = {			\
	.name = _name,							\
	.iterations = ITERATIONS,					\
	.init = litmus_2bit_init,					\
	.thread = { p0, p1 },						\
	.outcome = litmus_2bit_outcome,					\
	.outcomes = LITMUS_OUTCOMES_2BIT,				\
	.nr_outcomes = 4,						\
	.forbidden = (_forbidden),					\
};									\
									\
int scenario_main(unsigned int cpu)					\
{									\
	return litmus_run(&litmus_2bit_test, cpu);			\
}									\
BUILD_BUG_ON_MSG((_forbidden) >> 4, "forbidden: not a 2-bit outcome")

#endif /* _MMULAB_LITMUS_H */
