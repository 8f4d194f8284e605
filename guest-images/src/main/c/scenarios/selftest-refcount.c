// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-refcount: the folio reference API (<linux/page_ref.h>).
 *
 * Before the checkpoint (scenario_setup, CPU 0), single-threaded: every
 * operation's result and effect -- folio_get/put, folio_try_get,
 * folio_ref_add/sub, folio_ref_add_unless (including on 0: no revival),
 * folio_ref_try_add_rcu under rcu_read_lock(), folio_put_refs,
 * folio_ref_freeze (fails on a wrong count, makes try_get fail) and
 * unfreeze, the last folio_put freeing the folio.
 *
 * Explored (every CPU at once) on one shared order-2 folio:
 *   CPU 0 repeatedly freezes the count at 1 (nobody else holds a
 *   reference), rewrites a pair of fields to the same new value, and
 *   unfreezes: the freeze is an exclusive lock that only works while no
 *   one holds a reference, as page migration uses it;
 *   the other CPUs take speculative references (folio_try_get,
 *   folio_ref_try_add_rcu under RCU), add and drop extra ones
 *   (folio_ref_add / folio_put_refs), and while they hold a reference
 *   check the pair is consistent (a reader that got in while the folio
 *   was frozen, or a freeze that succeeded under a reader, breaks it).
 * At the end the count is back at 1 and the last put frees the folio.
 *
 * The misuse cases (increment from zero, underflow, saturation) are
 * separate images, selftest-refcount-bad-*, each ending in a REFCOUNT
 * report. The functions selftest_ref_* are out of line so a test can look
 * at the instructions the ordering contract gives them (arm64: LDADD for
 * folio_ref_add, LDADDAL for folio_put, CASAL for folio_try_get).
 */
#include "selftest.h"
#include <linux/rcupdate.h>

#define ROUNDS	4

static struct folio *shared;
static struct {
	unsigned long a, b;
} *pair;
static struct selftest_barrier done_barrier;
static unsigned long free_before;

noinline void selftest_ref_add(struct folio *folio, int nr)
{
	folio_ref_add(folio, nr);
}

noinline bool selftest_ref_put_testzero(struct folio *folio)
{
	return folio_put_testzero(folio);
}

noinline bool selftest_ref_try_get(struct folio *folio)
{
	return folio_try_get(folio);
}

noinline void selftest_ref_get(struct folio *folio)
{
	folio_get(folio);
}

static void check_api(void)
{
	unsigned long before = nr_free_pages();
	struct folio *folio = folio_alloc(GFP_KERNEL, 1);

	CHECK(folio, "folio_alloc failed");
	CHECK(folio_ref_count(folio) == 1, "new folio: %d", folio_ref_count(folio));
	folio_get(folio);
	CHECK(folio_ref_count(folio) == 2, "folio_get: %d", folio_ref_count(folio));
	CHECK(folio_try_get(folio), "folio_try_get on a live folio failed");
	CHECK(folio_ref_count(folio) == 3, "folio_try_get: %d", folio_ref_count(folio));
	folio_ref_add(folio, 5);
	CHECK(folio_ref_count(folio) == 8, "folio_ref_add(5): %d", folio_ref_count(folio));
	folio_ref_sub(folio, 2);
	CHECK(folio_ref_count(folio) == 6, "folio_ref_sub(2): %d", folio_ref_count(folio));
	CHECK(folio_ref_add_unless(folio, 2, 6) == false && folio_ref_count(folio) == 6,
	      "folio_ref_add_unless(2, 6) at 6 added: %d", folio_ref_count(folio));
	CHECK(folio_ref_add_unless(folio, 2, 0) && folio_ref_count(folio) == 8,
	      "folio_ref_add_unless(2, 0) at 6: %d", folio_ref_count(folio));
	rcu_read_lock();
	CHECK(folio_ref_try_add_rcu(folio, 3), "folio_ref_try_add_rcu failed");
	rcu_read_unlock();
	CHECK(folio_ref_count(folio) == 11, "folio_ref_try_add_rcu(3): %d", folio_ref_count(folio));
	folio_put_refs(folio, 10);
	CHECK(folio_ref_count(folio) == 1, "folio_put_refs(10): %d", folio_ref_count(folio));

	CHECK(!folio_ref_freeze(folio, 2), "froze a count of 1 as 2");
	CHECK(folio_ref_freeze(folio, 1), "could not freeze a count of 1");
	CHECK(folio_ref_count(folio) == 0, "frozen: %d", folio_ref_count(folio));
	CHECK(!folio_try_get(folio), "folio_try_get on a frozen folio succeeded");
	CHECK(!folio_ref_add_unless(folio, 1, 0), "folio_ref_add_unless(1, 0) on a frozen folio succeeded");
	CHECK(folio_ref_count(folio) == 0, "frozen after failed gets: %d", folio_ref_count(folio));
	folio_ref_unfreeze(folio, 2);
	CHECK(folio_ref_count(folio) == 2, "unfreeze(2): %d", folio_ref_count(folio));
	CHECK(!folio_put_testzero(folio), "put of 2 -> 1 said zero");
	CHECK(folio_ref_count(folio) == 1, "put: %d", folio_ref_count(folio));
	folio_put(folio);
	CHECK(nr_free_pages() == before, "the last folio_put freed nothing: %lu free, %lu before",
	      nr_free_pages(), before);
}

void scenario_setup(void)
{
	check_api();
	free_before = nr_free_pages();
	shared = folio_alloc(GFP_KERNEL | __GFP_ZERO, 2);
	CHECK(shared, "folio_alloc failed");
	pair = folio_address(shared);
	pr_info("selftest-refcount: API ok\n");
}

/* CPU 0: change the pair only while the count is frozen */
static void freezer(void)
{
	unsigned int round, frozen = 0, tries = 0;

	for (round = 1; round <= ROUNDS; round++) {
		while (!folio_ref_freeze(shared, 1)) {
			tries++;
			cpu_relax();
		}
		frozen++;
		CHECK(!folio_try_get(shared), "folio_try_get succeeded on a frozen folio");
		WRITE_ONCE(pair->a, round);
		WRITE_ONCE(pair->b, round);
		folio_ref_unfreeze(shared, 1);
	}
	CHECK(frozen == ROUNDS, "froze %u times", frozen);
}

/* the others: speculative references, checked while held */
static void getter(unsigned int cpu)
{
	unsigned int round, got = 0;

	for (round = 0; round < ROUNDS; round++) {
		bool ok;

		if (round & 1) {
			rcu_read_lock();
			ok = folio_ref_try_add_rcu(shared, 2);
			rcu_read_unlock();
		} else {
			ok = folio_try_get(shared);
		}
		if (!ok)
			continue;	/* frozen: a real lookup would retry */
		got++;
		CHECK(folio_ref_count(shared) >= 2, "cpu %u holds a reference, count %d", cpu,
		      folio_ref_count(shared));
		folio_ref_add(shared, 3);
		{
			unsigned long a = READ_ONCE(pair->a), b = READ_ONCE(pair->b);

			CHECK(a == b, "cpu %u: pair changed under a reference: a %lu b %lu", cpu, a, b);
		}
		folio_put_refs(shared, 3);
		if (round & 1)
			folio_put_refs(shared, 2);
		else
			folio_put(shared);
	}
	(void)got;
}

int scenario_main(unsigned int cpu)
{
	if (cpu == 0)
		freezer();
	else
		getter(cpu);

	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		CHECK(folio_ref_count(shared) == 1, "count after the race: %d", folio_ref_count(shared));
		CHECK(READ_ONCE(pair->a) == ROUNDS && READ_ONCE(pair->b) == ROUNDS, "pair %lu %lu",
		      READ_ONCE(pair->a), READ_ONCE(pair->b));
		folio_put(shared);
		CHECK(nr_free_pages() == free_before, "the folio was not freed: %lu free, %lu before",
		      nr_free_pages(), free_before);
		pr_info("selftest-refcount: %u CPUs ok\n", nr_cpu_ids);
	}
	return 0;
}
