// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-alloc: the buddy allocator, compound pages and folios.
 *
 * Before the checkpoint (scenario_setup, CPU 0): the structure, checked
 * single-threaded -- natural alignment of every order, splitting and
 * merging back to the same free block counts, __GFP_ZERO, compound pages
 * (PG_head, tails' compound_head with bit 0, the order and nr_pages in the
 * first tail, page_folio()/folio_page()), folio_put() of a large folio,
 * and __free_pages() of a non-compound block whose first page someone
 * else still holds.
 *
 * Explored (every CPU at once): each CPU allocates and frees blocks of
 * orders 0..3, plain and as folios, stamps every page it owns with its
 * cpu and a sequence number and checks the stamps before freeing (two
 * CPUs handed the same page would overwrite each other's). After a
 * barrier, CPU 0 checks that every page came back and merged: the free
 * page count and the per-order free block counts are as before.
 */
#include "selftest.h"

#define ROUNDS		6
#define HELD		3

static unsigned long free_before;
static unsigned long blocks_before[NR_PAGE_ORDERS];
static struct selftest_barrier done_barrier;

static void snapshot(unsigned long *nr_free, unsigned long *blocks)
{
	unsigned int o;

	*nr_free = nr_free_pages();
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		blocks[o] = nr_free_blocks(o);
}

static void check_unchanged(const char *when)
{
	unsigned long nr, blocks[NR_PAGE_ORDERS];
	unsigned int o;

	snapshot(&nr, blocks);
	CHECK(nr == free_before, "%s: %lu free pages, %lu before", when, nr, free_before);
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		CHECK(blocks[o] == blocks_before[o], "%s: %lu free blocks of order %u, %lu before (not merged back)",
		      when, blocks[o], o, blocks_before[o]);
}

static void check_orders(void)
{
	struct page *pages[NR_PAGE_ORDERS];
	unsigned int o;

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		pages[o] = alloc_pages(GFP_KERNEL, o);
		CHECK(pages[o], "order %u allocation failed", o);
		CHECK(!(page_to_pfn(pages[o]) & ((1UL << o) - 1)), "order %u block at pfn %#lx is not aligned",
		      o, page_to_pfn(pages[o]));
		CHECK(page_ref_count(pages[o]) == 1, "order %u: refcount %d", o, page_ref_count(pages[o]));
		CHECK(!PageHead(pages[o]) && !PageTail(pages[o] + (o ? 1 : 0)), "order %u: compound without __GFP_COMP", o);
		CHECK(nr_free_pages() == free_before - ((2UL << o) - 1), "order %u: free count %lu", o, nr_free_pages());
	}
	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		unsigned int p;

		for (p = 0; p < o; p++) {
			unsigned long a = page_to_pfn(pages[o]), b = page_to_pfn(pages[p]);

			CHECK(b + (1UL << p) <= a || a + (1UL << o) <= b,
			      "blocks of order %u (pfn %#lx) and %u (pfn %#lx) overlap", o, a, p, b);
		}
	}
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		__free_pages(pages[o], o);
	check_unchanged("after orders 0..MAX_PAGE_ORDER");
}

static void check_zero(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	unsigned long *p;
	unsigned int i;

	CHECK(page, "order 1 allocation failed");
	memset(page_address(page), 0xa5, 2 * PAGE_SIZE);
	__free_pages(page, 1);
	/* LIFO free lists: the same block comes back, dirty, unless zeroed */
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	CHECK(page, "order 1 __GFP_ZERO allocation failed");
	p = page_address(page);
	for (i = 0; i < 2 * PAGE_SIZE / sizeof(*p); i += 61)
		CHECK(p[i] == 0, "__GFP_ZERO page word %u is %#lx", i, p[i]);
	__free_pages(page, 1);
	check_unchanged("after __GFP_ZERO");
}

static void check_folio(unsigned int order)
{
	struct folio *folio = folio_alloc(GFP_KERNEL, order);
	unsigned long i, nr = 1UL << order;

	CHECK(folio, "folio_alloc(order %u) failed", order);
	CHECK(folio_ref_count(folio) == 1, "new folio refcount %d", folio_ref_count(folio));
	CHECK(folio_order(folio) == order, "folio_order %u, want %u", folio_order(folio), order);
	CHECK(folio_nr_pages(folio) == (long)nr, "folio_nr_pages %ld, want %lu", folio_nr_pages(folio), nr);
	CHECK(folio_size(folio) == PAGE_SIZE << order, "folio_size %zu", folio_size(folio));
	CHECK(folio_test_large(folio) == (order > 0), "folio_test_large for order %u", order);
	if (order) {
		CHECK(PageHead(&folio->page), "head page without PG_head");
		CHECK((folio->_flags_1 & 0xff) == order, "order byte of the first tail: %lu", folio->_flags_1 & 0xff);
		CHECK(folio->__page_1.compound_head == (unsigned long)folio + 1,
		      "first tail's compound_head %#lx, head %p", folio->__page_1.compound_head, folio);
	}
	for (i = 0; i < nr; i++) {
		struct page *page = folio_page(folio, i);

		CHECK(page_folio(page) == folio, "page_folio(page %lu) = %p, folio %p", i, page_folio(page), folio);
		CHECK(compound_head(page) == &folio->page, "compound_head(page %lu)", i);
		CHECK(!!PageTail(page) == (i > 0), "PageTail(page %lu) = %d", i, PageTail(page));
		CHECK(page_to_pfn(page) == folio_pfn(folio) + i, "folio_page(%lu) pfn", i);
		CHECK(page_count(page) == 1, "page_count(page %lu) = %d (the head's)", i, page_count(page));
		if (i)
			CHECK(page_ref_count(page) == 0, "tail %lu has its own refcount %d", i, page_ref_count(page));
	}
	/* get_page/put_page on a tail go to the folio */
	get_page(folio_page(folio, nr - 1));
	CHECK(folio_ref_count(folio) == 2, "get_page(tail): folio refcount %d", folio_ref_count(folio));
	put_page(folio_page(folio, nr - 1));
	CHECK(folio_ref_count(folio) == 1, "put_page(tail): folio refcount %d", folio_ref_count(folio));
	folio_put(folio);
	check_unchanged("after folio_put");
}

/* __free_pages() while someone else holds the first page of the block */
static void check_free_pages_speculative(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	CHECK(page, "order 2 allocation failed");
	CHECK(get_page_unless_zero(page), "speculative get on a live page failed");
	__free_pages(page, 2);
	CHECK(nr_free_pages() == free_before - 1, "only the first page stays: %lu free, %lu before",
	      nr_free_pages(), free_before);
	put_page(page);
	check_unchanged("after the speculative holder's put");
}

void scenario_setup(void)
{
	unsigned int o;

	BUILD_BUG_ON(sizeof(struct page) != 64);
	BUILD_BUG_ON(sizeof(struct folio) != 3 * sizeof(struct page));
	CHECK(((unsigned long)pfn_to_page(1) & 63) == 0, "struct page not 64-byte aligned");

	snapshot(&free_before, blocks_before);
	CHECK(free_before > 1024, "only %lu free pages", free_before);
	check_orders();
	check_zero();
	for (o = 0; o <= 4; o++)
		check_folio(o);
	check_folio(MAX_PAGE_ORDER);
	check_free_pages_speculative();
	pr_info("selftest-alloc: %lu free pages, structure ok\n", free_before);
}

struct held {
	struct page *page;
	unsigned int order;
	bool folio;
	unsigned long stamp;
};

static unsigned long stamp_of(unsigned int cpu, unsigned int round)
{
	return 0x5e1f7e5700000000UL | (cpu << 16) | round;
}

static void stamp(struct held *h)
{
	unsigned long i;

	for (i = 0; i < (1UL << h->order); i++)
		WRITE_ONCE(*(unsigned long *)page_address(h->page + i), h->stamp + (i << 8));
}

static void check_and_free(struct held *h, unsigned int cpu)
{
	unsigned long i;

	for (i = 0; i < (1UL << h->order); i++) {
		unsigned long v = READ_ONCE(*(unsigned long *)page_address(h->page + i));

		CHECK(v == h->stamp + (i << 8), "cpu %u: page %lu of its order-%u block (pfn %#lx) now says %#lx, "
		      "stamped %#lx: handed out twice?", cpu, i, h->order, page_to_pfn(h->page), v, h->stamp + (i << 8));
	}
	if (h->folio) {
		CHECK(folio_order(page_folio(h->page)) == h->order, "folio order changed");
		folio_put(page_folio(h->page));
	} else {
		__free_pages(h->page, h->order);
	}
	h->page = NULL;
}

int scenario_main(unsigned int cpu)
{
	struct held held[HELD] = { };
	unsigned long seed = 0x9e3779b97f4a7c15UL * (cpu + 1);
	unsigned int round, i;

	for (round = 0; round < ROUNDS; round++) {
		struct held *h = &held[round % HELD];

		if (h->page)
			check_and_free(h, cpu);
		h->order = selftest_rand(&seed) % 4;
		h->folio = round & 1;
		h->stamp = stamp_of(cpu, round);
		if (h->folio) {
			struct folio *folio = folio_alloc(GFP_KERNEL, h->order);

			h->page = folio ? &folio->page : NULL;
		} else {
			h->page = alloc_pages(GFP_KERNEL, h->order);
		}
		CHECK(h->page, "cpu %u: order %u allocation failed", cpu, h->order);
		CHECK(!(page_to_pfn(h->page) & ((1UL << h->order) - 1)), "cpu %u: unaligned order-%u block", cpu, h->order);
		CHECK(page_ref_count(h->page) == 1, "cpu %u: new block refcount %d", cpu, page_ref_count(h->page));
		stamp(h);
	}
	for (i = 0; i < HELD; i++)
		if (held[i].page)
			check_and_free(&held[i], cpu);

	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		check_unchanged("after every CPU freed everything");
		pr_info("selftest-alloc: %u CPUs x %u rounds ok\n", nr_cpu_ids, ROUNDS);
	}
	return 0;
}
