// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-xarray: the XArray and the page cache on top of it.
 *
 * Before the checkpoint (scenario_setup, CPU 0): xa_store/xa_load/xa_erase
 * at indices that need one, two and four levels of nodes, value entries,
 * xas_find() iteration, the tree growing and shrinking back to empty
 * (every node freed after a grace period); filemap_add_folio() (-EEXIST
 * on a taken index), filemap_get_entry() references, and
 * truncate_inode_pages() dropping the page cache's references to zero so
 * the folios go back to the allocator.
 *
 * Explored (every CPU at once): CPU 0 fills a mapping with fresh folios
 * (each page stamped with its index and round), truncates it, and again;
 * meanwhile it stores and erases value entries in a second XArray. The
 * other CPUs look up every index locklessly: a folio they get must carry
 * its index and a live reference, and a value they load must be the one
 * stored there. A lookup that returned a freed folio would read a freed
 * page (the use-after-free oracle) or take a reference from zero (the
 * refcount oracle). At the end every folio and node is freed.
 */
#include "selftest.h"
#include <linux/pagemap.h>
#include <linux/xarray.h>

#define NR_INDEX	5
#define ROUNDS		2
#define LOOKUPS		2

static struct address_space mapping;
static DEFINE_XARRAY(values);
static struct selftest_barrier done_barrier;
static unsigned long free_before;

static unsigned long stamp_of(pgoff_t index, unsigned int round)
{
	return 0xf11e000000000000UL | ((unsigned long)round << 32) | index;
}

static void check_xarray(void)
{
	static const unsigned long idx[] = { 0, 1, 63, 64, 100, 4095, 4096, 262143, 262144, 1UL << 24 };
	static unsigned long objs[ARRAY_SIZE(idx)] __aligned(8);
	unsigned long before = nr_free_pages(), found = 0;
	unsigned int i;
	void *entry;

	CHECK(xa_empty(&values), "new xarray not empty");
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		CHECK(xa_store(&values, idx[i], &objs[i], GFP_KERNEL) == NULL, "store %lu: old entry", idx[i]);
		CHECK(xa_load(&values, idx[i]) == &objs[i], "load %lu after store", idx[i]);
	}
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		CHECK(xa_load(&values, idx[i]) == &objs[i], "load %lu", idx[i]);
		CHECK(xa_load(&values, idx[i] + 2) == NULL || (i + 1 < ARRAY_SIZE(idx) && idx[i + 1] == idx[i] + 2),
		      "load of the empty index %lu", idx[i] + 2);
	}
	CHECK(xa_nodes_in_use() >= 4, "only %lu nodes for a 4-level tree", xa_nodes_in_use());
	{
		XA_STATE(xas, &values, 0);

		rcu_read_lock();
		for (entry = xas_find(&xas, ULONG_MAX); entry; entry = xas_find(&xas, ULONG_MAX)) {
			CHECK(found < ARRAY_SIZE(idx) && xas.xa_index == idx[found] && entry == &objs[found],
			      "xas_find: #%lu at %lu", found, xas.xa_index);
			found++;
			xas_set(&xas, xas.xa_index + 1);
		}
		rcu_read_unlock();
	}
	CHECK(found == ARRAY_SIZE(idx), "xas_find found %lu of %zu", found, ARRAY_SIZE(idx));
	CHECK(xa_store(&values, 64, xa_mk_value(7), GFP_KERNEL) == &objs[3], "replace");
	CHECK(xa_load(&values, 64) == xa_mk_value(7) && xa_to_value(xa_load(&values, 64)) == 7, "value entry");
	for (i = 0; i < ARRAY_SIZE(idx); i++)
		CHECK(xa_erase(&values, idx[i]) != NULL, "erase %lu found nothing", idx[i]);
	CHECK(xa_empty(&values), "xarray not empty after erasing everything");
	rcu_barrier();
	CHECK(xa_nodes_in_use() == 0, "%lu nodes left", xa_nodes_in_use());
	CHECK(nr_free_pages() == before, "node slabs not freed: %lu free, %lu before", nr_free_pages(), before);
}

static struct folio *new_folio(pgoff_t index, unsigned int round)
{
	struct folio *folio = folio_alloc(GFP_KERNEL, 0);

	CHECK(folio, "folio_alloc failed");
	WRITE_ONCE(*(unsigned long *)folio_address(folio), stamp_of(index, round));
	return folio;
}

/* add folios for [0, NR_INDEX); the caller's references are dropped */
static void fill(unsigned int round)
{
	pgoff_t i;

	for (i = 0; i < NR_INDEX; i++) {
		struct folio *folio = new_folio(i, round);

		CHECK(filemap_add_folio(&mapping, folio, i, GFP_KERNEL) == 0, "filemap_add_folio(%lu)", i);
		/* ours and the cache's (and maybe a concurrent lookup's) */
		CHECK(folio_test_locked(folio) && folio_ref_count(folio) >= 2, "added folio: locked %d refcount %d",
		      folio_test_locked(folio), folio_ref_count(folio));
		folio_unlock(folio);
		folio_put(folio);
	}
}

static void check_page_cache(void)
{
	unsigned long before = nr_free_pages();
	struct folio *folio, *dup;
	pgoff_t i;

	address_space_init_once(&mapping);
	fill(0);
	CHECK(mapping.nrpages == NR_INDEX, "nrpages %lu", mapping.nrpages);
	dup = new_folio(1, 0);
	CHECK(filemap_add_folio(&mapping, dup, 1, GFP_KERNEL) == -EEXIST, "duplicate index accepted");
	CHECK(folio_ref_count(dup) == 1 && !folio_test_locked(dup) && !dup->mapping, "failed add left state");
	folio_put(dup);
	for (i = 0; i < NR_INDEX; i++) {
		folio = filemap_get_folio(&mapping, i);
		CHECK(folio && folio->index == i && folio->mapping == &mapping, "lookup %lu", i);
		CHECK(folio_ref_count(folio) == 2, "lookup reference: %d", folio_ref_count(folio));
		CHECK(*(unsigned long *)folio_address(folio) == stamp_of(i, 0), "folio %lu contents", i);
		folio_put(folio);
	}
	CHECK(filemap_get_folio(&mapping, NR_INDEX) == NULL, "lookup past the end");

	/* a reference held over truncation: the folio outlives the cache */
	folio = filemap_get_folio(&mapping, 2);
	truncate_inode_pages_range(&mapping, 3 * PAGE_SIZE, (loff_t)-1);
	CHECK(mapping.nrpages == 3, "partial truncate: nrpages %lu", mapping.nrpages);
	truncate_inode_pages(&mapping, 0);
	CHECK(mapping.nrpages == 0 && mapping_empty(&mapping), "truncate left %lu pages", mapping.nrpages);
	CHECK(!folio->mapping && folio_ref_count(folio) == 1, "truncated folio: mapping %p refcount %d",
	      folio->mapping, folio_ref_count(folio));
	folio_put(folio);
	rcu_barrier();
	CHECK(nr_free_pages() == before, "truncate freed too little: %lu free, %lu before", nr_free_pages(), before);
}

void scenario_setup(void)
{
	check_xarray();
	check_page_cache();
	free_before = nr_free_pages();
	pr_info("selftest-xarray: API ok\n");
}

static void writer(void)
{
	unsigned int round;
	pgoff_t i;

	for (round = 1; round <= ROUNDS; round++) {
		fill(round);
		for (i = 0; i < NR_INDEX; i++)
			xa_store(&values, i * 64, xa_mk_value(i * 7), GFP_KERNEL);
		truncate_inode_pages(&mapping, 0);
		CHECK(mapping.nrpages == 0, "nrpages %lu after truncate", mapping.nrpages);
		for (i = 0; i < NR_INDEX; i += 2)
			xa_erase(&values, i * 64);
	}
}

static void reader(unsigned int cpu)
{
	unsigned int n;
	pgoff_t i;

	for (n = 0; n < LOOKUPS; n++) {
		for (i = 0; i < NR_INDEX; i++) {
			struct folio *folio = filemap_get_folio(&mapping, i);
			void *v = xa_load(&values, i * 64);

			CHECK(!v || v == xa_mk_value(i * 7), "cpu %u: value at %lu is %p", cpu, i * 64, v);
			if (!folio)
				continue;
			CHECK(folio_ref_count(folio) >= 1, "cpu %u: folio with refcount %d", cpu, folio_ref_count(folio));
			CHECK(folio->index == i, "cpu %u: folio for %lu has index %lu", cpu, i, folio->index);
			CHECK((READ_ONCE(*(unsigned long *)folio_address(folio)) & 0xffffffffUL) == i,
			      "cpu %u: folio for %lu holds %#lx", cpu, i, *(unsigned long *)folio_address(folio));
			folio_put(folio);
		}
	}
}

int scenario_main(unsigned int cpu)
{
	if (cpu == 0)
		writer();
	else
		reader(cpu);

	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		pgoff_t i;

		for (i = 0; i < NR_INDEX; i++)
			xa_erase(&values, i * 64);
		CHECK(xa_empty(&values), "values left: head %p", READ_ONCE(values.xa_head));
		rcu_barrier();
		CHECK(xa_nodes_in_use() == 0, "%lu nodes left", xa_nodes_in_use());
		CHECK(nr_free_pages() == free_before, "leak: %lu free, %lu before", nr_free_pages(), free_before);
		pr_info("selftest-xarray: %u CPUs ok\n", nr_cpu_ids);
	}
	return 0;
}
