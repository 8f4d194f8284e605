/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The negative refcount selftests: each image misuses a folio's reference
 * count in one way, which the refcount oracle must report (HC_REFCOUNT,
 * outcome REFCOUNT) -- a run that ends done() is a failure of the oracle.
 * With more than one CPU the misuse is a race whose every interleaving
 * misuses the count:
 *
 *   selftest-refcount-bad-get   BAD_INC_FROM_ZERO: the folio is freed, then
 *                               folio_get() (not folio_try_get()) on it
 *   selftest-refcount-bad-put   BAD_UNDERFLOW: one reference, dropped by
 *                               CPUs 0 and 1 (twice by a lone CPU)
 *   selftest-refcount-bad-sat   BAD_SATURATED: folio_ref_add() past INT_MAX
 */
#include "selftest.h"

static struct folio *victim;
#if defined(BAD_INC_FROM_ZERO)
static struct selftest_barrier start;
#endif

void scenario_setup(void)
{
	victim = folio_alloc(GFP_KERNEL, 0);
	CHECK(victim, "folio_alloc failed");
#if defined(BAD_SATURATED)
	folio_set_count(victim, INT_MAX - 1);
#endif
}

int scenario_main(unsigned int cpu)
{
#if defined(BAD_INC_FROM_ZERO)
	/* every CPU drops "its" reference; somebody then uses the folio */
	if (cpu == 0)
		folio_put(victim);		/* the last one: back to the allocator */
	selftest_barrier(&start);
	if (cpu == nr_cpu_ids - 1)
		folio_get(victim);		/* BUG: a use after free */
#elif defined(BAD_UNDERFLOW)
	/* two puts for one reference: CPUs 0 and 1 both think it is theirs */
	if (nr_cpu_ids == 1) {
		folio_put(victim);
		folio_put(victim);
	} else if (cpu < 2) {
		folio_put(victim);
	}
#elif defined(BAD_SATURATED)
	if (cpu == 0)
		folio_ref_add(victim, 2);	/* INT_MAX - 1 + 2 wraps */
#else
#error "define one of BAD_INC_FROM_ZERO, BAD_UNDERFLOW, BAD_SATURATED"
#endif
	return 0;
}
