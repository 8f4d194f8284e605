// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mem_init() and the buddy page allocator (<linux/gfp.h>), after Linux's
 * mm/page_alloc.c: one zone, free_area[order] lists of free blocks of
 * 2^order pages, each block naturally aligned. A free block is known by
 * its first page: PageBuddy (page type PGTY_buddy) with the order in
 * page->private, linked through page->buddy_list. Allocation takes the
 * smallest block that fits and splits off the unused halves (expand());
 * freeing merges a block with its buddy (pfn ^ (1 << order)) for as long
 * as the buddy is free and of the same order (__free_one_page()).
 *
 * After mem_init() the physical pages are:
 *   pfn 0                          reserved (as Linux always reserves it)
 *   [1, LOAD_PHYSICAL_ADDR)        free
 *   the kernel image               reserved
 *   memblock allocations           reserved (page tables, the memmap)
 *   [memblock.cur, mem)            free
 * Reserved pages get their struct page initialised here (PG_reserved,
 * refcount 1). Of the free memory only the first struct page of each
 * block is written at boot; every struct page of a block is initialised
 * when the block is handed out (prep_new_page()), so boot does not touch
 * the memmap of free memory (Linux's deferred struct page init in
 * miniature). Pages that are not a free block's first page are never
 * PageBuddy, so the merge check never trusts an unwritten struct page.
 *
 * HC_PAGE_STATE reports every change of owner, inside zone->lock so the
 * order of reports is the order of the allocator's decisions.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/memblock.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/sections.h>
#include <mmulab/boot.h>
#include <mmulab/page_state.h>

struct free_area {
	struct list_head free_list;	/* MIGRATE_TYPES folded into one */
	unsigned long nr_free;		/* blocks on the list */
};

struct zone {
	spinlock_t lock;
	struct free_area free_area[NR_PAGE_ORDERS];
	unsigned long free_pages;	/* NR_FREE_PAGES */
	unsigned long managed_pages;	/* handed to the allocator at boot */
};

static struct zone contig_zone = {
	.lock = __SPIN_LOCK_UNLOCKED(contig_zone.lock),
};

_Static_assert(sizeof(struct page) == (1 << STRUCT_PAGE_MAX_SHIFT), "struct page is 64 bytes");

/* HC_REFCOUNT for the folio/page reference API (<linux/page_ref.h>) */
void __cold page_ref_misuse(const struct page *page, unsigned long kind, int old)
{
	mmulab_hypercall(HC_REFCOUNT, kind, (unsigned long)&page->_refcount, (long)old, 0);
	/* fatal; should the emulator go on, leave the page alone */
}

/* a clean struct page with refcount count */
static void __init_single_page_count(struct page *page, int count)
{
	memset(page, 0, sizeof(*page));
	INIT_LIST_HEAD(&page->lru);
	atomic_set(&page->_mapcount, -1);
	if (count)
		set_page_count(page, count);
}

/* Linux's __init_single_page: a clean struct page, refcount 1 */
static void __init_single_page(struct page *page)
{
	__init_single_page_count(page, 1);
}

static inline unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->buddy_list, &area->free_list);
	area->nr_free++;
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->buddy_list);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

static inline struct page *get_page_from_free_area(struct free_area *area)
{
	if (list_empty(&area->free_list))
		return NULL;
	return list_first_entry(&area->free_list, struct page, buddy_list);
}

static inline unsigned long __find_buddy_pfn(unsigned long page_pfn, unsigned int order)
{
	return page_pfn ^ (1UL << order);
}

/* the buddy of the block at pfn, if it is a free block of the same order */
static inline struct page *find_buddy_page_pfn(unsigned long pfn, unsigned int order,
					       unsigned long *buddy_pfn)
{
	unsigned long __buddy_pfn = __find_buddy_pfn(pfn, order);
	struct page *buddy;

	if (!pfn_valid(__buddy_pfn))
		return NULL;
	buddy = pfn_to_page(__buddy_pfn);
	if (!PageBuddy(buddy) || buddy_order(buddy) != order)
		return NULL;
	*buddy_pfn = __buddy_pfn;
	return buddy;
}

/* zone->lock held: put a block of 2^order pages back, merging upwards */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order)
{
	unsigned long buddy_pfn, combined_pfn;
	struct page *buddy;

	VM_BUG_ON_PAGE(pfn & ((1UL << order) - 1), page);
	zone->free_pages += 1UL << order;

	while (order < MAX_PAGE_ORDER) {
		buddy = find_buddy_page_pfn(pfn, order, &buddy_pfn);
		if (!buddy)
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + (combined_pfn - pfn);
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);
	add_to_free_list(page, zone, order);
}

/*
 * Split a block of 2^high pages down to 2^low: the upper halves go back on
 * the free lists (their first struct page is written here, the rest stay
 * as they are until handed out).
 */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		INIT_LIST_HEAD(&page[size].buddy_list);
		WRITE_ONCE(page[size].page_type, UINT_MAX);
		set_buddy_order(&page[size], high);
		add_to_free_list(&page[size], zone, high);
	}
}

/* zone->lock held: the smallest free block that fits, split to order */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	unsigned int current_order;
	struct page *page;

	for (current_order = order; current_order < NR_PAGE_ORDERS; current_order++) {
		page = get_page_from_free_area(&zone->free_area[current_order]);
		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* boot: hand [start, end) to the allocator in the largest aligned blocks */
static void __init free_pfn_range(unsigned long start, unsigned long end)
{
	struct zone *zone = &contig_zone;

	while (start < end) {
		unsigned int order = min_t(unsigned int, MAX_PAGE_ORDER, __ffs(start));
		struct page *page = pfn_to_page(start);

		while (start + (1UL << order) > end)
			order--;
		__init_single_page(page);
		set_page_count(page, 0);
		__free_one_page(page, start, zone, order);
		zone->managed_pages += 1UL << order;
		start += 1UL << order;
	}
}

static void __init reserve_pfn_range(unsigned long start, unsigned long end)
{
	unsigned long pfn;

	for (pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		__init_single_page(page);
		__SetPageReserved(page);
	}
}

void __init mem_init(void)
{
	unsigned long image_start = PHYS_PFN(LOAD_PHYSICAL_ADDR);
	unsigned long image_end = PFN_UP(__pa_symbol(_end));
	unsigned long boot_end = PFN_UP(memblock.cur);
	unsigned int order;

	BUG_ON(image_end != PHYS_PFN(memblock.start));
	memblock.closed = true;

	for (order = 0; order < NR_PAGE_ORDERS; order++)
		INIT_LIST_HEAD(&contig_zone.free_area[order].free_list);

	reserve_pfn_range(0, 1);
	reserve_pfn_range(image_start, boot_end);

	/* memblock already reported its page tables and the memmap */
	mmulab_page_state(0, 1, MMULAB_OWNER_KERNEL);
	mmulab_page_state(1, image_start - 1, MMULAB_OWNER_FREE);
	mmulab_page_state(image_start, image_end - image_start, MMULAB_OWNER_KERNEL);
	mmulab_page_state(virt_to_pfn(init_mm.pgd), 1, MMULAB_OWNER_PAGE_TABLE);
	mmulab_page_state(boot_end, max_pfn - boot_end, MMULAB_OWNER_FREE);

	/* the big range first, so the first allocations come from it */
	free_pfn_range(1, image_start);
	free_pfn_range(boot_end, max_pfn);
}

static void bad_page(struct page *page, const char *reason)
{
	__mmulab_bug_fmt(__FILE__, __LINE__, "Bad page state: pfn %lx refcount %d mapcount %d flags %lx: %s",
			 page_to_pfn(page), page_ref_count(page),
			 atomic_read(&page->_mapcount), page->flags, reason);
}

/*
 * A block leaves the allocator: a struct page of it that was never
 * initialised (see the top of the file) is initialised now; one that an
 * earlier allocation initialised is left as the free path left it, as in
 * Linux, whose prep_new_page() does not rewrite the struct pages of a free
 * block (free_pages_prepare() checked and cleared them). The first page
 * gets the reference.
 */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		struct page *p = page + i;
		/* _mapcount: -1 once initialised and free, 0 in the boot memmap */
		unsigned int type = READ_ONCE(p->page_type);

		if (unlikely(type >> 24 == PGTY_buddy))
			bad_page(p, "PageBuddy in an allocated block");
		/*
		 * Never let the refcount pass through 1 here: a lockless
		 * lookup still holding a stale pointer to this struct page
		 * (filemap_get_entry(), GUP-fast) may folio_try_get() it at
		 * any moment and must keep seeing 0.
		 */
		if (type == 0)
			__init_single_page_count(p, 0);
	}
	set_page_refcounted(page);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	if (order && (gfp & __GFP_COMP))
		prep_compound_page(page, order);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct zone *zone = &contig_zone;
	struct page *page;
	unsigned long flags;

	if (WARN(order > MAX_PAGE_ORDER, "order %u > MAX_PAGE_ORDER", order))
		return NULL;

	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue_smallest(zone, order);
	if (page)
		mmulab_page_state(page_to_pfn(page), 1UL << order, MMULAB_OWNER_ANON);
	spin_unlock_irqrestore(&zone->lock, flags);

	if (!page) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("page allocation failure: order:%u, mode:%#x\n", order, gfp);
		return NULL;
	}
	prep_new_page(page, order, gfp);
	return page;
}

struct folio *folio_alloc(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp | __GFP_COMP, order);

	return page ? page_folio(page) : NULL;
}

static void prep_compound_tail(struct page *head, unsigned long tail_idx)
{
	struct page *p = head + tail_idx;

	p->mapping = TAIL_MAPPING;
	set_compound_head(p, head);
	p->private = 0;
}

static void prep_compound_head(struct page *page, unsigned int order)
{
	struct folio *folio = (struct folio *)page;

	folio_set_order(folio, order);
	atomic_set(&folio->_large_mapcount, -1);
	atomic_set(&folio->_entire_mapcount, -1);
	atomic_set(&folio->_nr_pages_mapped, 0);
	atomic_set(&folio->_pincount, 0);
}

/*
 * Make 2^order pages one compound page: the head gets PG_head, every tail
 * points to it (compound_head bit 0), and the folio fields in the first
 * tail (order, nr_pages, mapcounts) are set last, over what
 * prep_compound_tail() wrote there.
 */
void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long i, nr_pages = 1UL << order;

	__SetPageHead(page);
	for (i = 1; i < nr_pages; i++)
		prep_compound_tail(page, i);
	prep_compound_head(page, order);
}

/* a tail of a compound page being freed: checks, then a plain page again */
static int free_tail_page_prepare(struct page *head_page, struct page *page)
{
	struct folio *folio = (struct folio *)head_page;
	int ret = 1;

	switch (page - head_page) {
	case 1:
		/* the folio fields that sit where page 1's ->mapping is */
		if (unlikely(atomic_read(&folio->_nr_pages_mapped)))
			bad_page(page, "nonzero nr_pages_mapped");
		if (unlikely(atomic_read(&folio->_pincount)))
			bad_page(page, "nonzero pincount");
		break;
	case 2:
		/* the second tail's ->mapping is under folio fields too (hugetlb, deferred split) */
		break;
	default:
		if (page->mapping != TAIL_MAPPING) {
			bad_page(page, "corrupted mapping in tail page");
			goto out;
		}
		break;
	}
	if (unlikely(!PageTail(page))) {
		bad_page(page, "PageTail not set");
		goto out;
	}
	if (unlikely(compound_head(page) != head_page)) {
		bad_page(page, "compound_head not consistent");
		goto out;
	}
	ret = 0;
out:
	page->mapping = NULL;
	clear_compound_head(page);
	return ret;
}

static void free_page_is_bad(struct page *page)
{
	if (unlikely(page_ref_count(page) != 0))
		bad_page(page, "nonzero _refcount");
	if (unlikely(atomic_read(&page->_mapcount) != -1))
		bad_page(page, "nonzero mapcount");
	if (unlikely(page->mapping != NULL))
		bad_page(page, "non-NULL mapping");
	if (unlikely(page->flags & PAGE_FLAGS_CHECK_AT_FREE))
		bad_page(page, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set");
}

static void free_pages_prepare(struct page *page, unsigned int order)
{
	bool compound = PageHead(page);
	unsigned long i;

	if (compound) {
		VM_BUG_ON_PAGE(compound_order(page) != order, page);
		/* the order byte and folio flags of the first tail (PAGE_FLAGS_SECOND) */
		page[1].flags &= ~0xffUL;
		for (i = 1; i < (1UL << order); i++) {
			free_tail_page_prepare(page, page + i);
			free_page_is_bad(page + i);
		}
		__ClearPageHead(page);
	}
	free_page_is_bad(page);
	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	page->private = 0;
}

/* the last reference is gone (refcount 0): back to the free lists */
void free_unref_page(struct page *page, unsigned int order)
{
	struct zone *zone = &contig_zone;
	unsigned long pfn = page_to_pfn(page);
	unsigned long flags;

	if (WARN(order > MAX_PAGE_ORDER, "order %u > MAX_PAGE_ORDER", order))
		return;
	free_pages_prepare(page, order);

	spin_lock_irqsave(&zone->lock, flags);
	mmulab_page_state(pfn, 1UL << order, MMULAB_OWNER_FREE);
	__free_one_page(page, pfn, zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* the last reference to a folio is gone */
void __folio_put(struct folio *folio)
{
	/* device memory is not the allocator's (mm/memremap.c) */
	if (unlikely(folio_is_zone_device(folio))) {
		free_zone_device_folio(folio);
		return;
	}
	/* hugetlb folios have their own destructor: HVO is undone first */
	if (unlikely(folio_test_hugetlb(folio))) {
		free_huge_folio(folio);
		return;
	}
	free_unref_page(&folio->page, folio_order(folio));
}

/*
 * Linux's split_page(): each page of a non-compound block gets its own
 * reference, so the pages can be freed one by one (the free ones merge
 * back as their buddies come free).
 */
void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	VM_BUG_ON_PAGE(PageCompound(page), page);
	VM_BUG_ON_PAGE(!page_ref_count(page), page);
	for (i = 1; i < (1UL << order); i++)
		set_page_refcounted(page + i);
}

/*
 * Is the page inside a free block? Look for the block's first page at
 * every order, as Linux's is_free_buddy_page() does; zone->lock makes the
 * answer exact at the time of the call.
 */
bool is_free_buddy_page(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page), flags;
	unsigned int order;
	bool free = false;

	spin_lock_irqsave(&contig_zone.lock, flags);
	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		const struct page *head = pfn_to_page(pfn & ~((1UL << order) - 1));

		if (PageBuddy(head) && buddy_order(head) >= order) {
			free = true;
			break;
		}
	}
	spin_unlock_irqrestore(&contig_zone.lock, flags);
	return free;
}

/*
 * Drop a reference to a block from alloc_pages(). For a non-compound block
 * someone may still hold a speculative reference on the first page (a
 * lockless lookup that found it): then only the first page stays, freed
 * by that last put, and the rest goes back now, as in Linux.
 */
void __free_pages(struct page *page, unsigned int order)
{
	int head = PageHead(page);

	if (put_page_testzero(page)) {
		free_unref_page(page, order);
	} else if (!head) {
		while (order-- > 0)
			free_unref_page(page + (1UL << order), order);
	}
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_COMP, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(contig_zone.free_pages);
}

/* free blocks of each order (Linux's /proc/buddyinfo), racy */
unsigned long nr_free_blocks(unsigned int order)
{
	return order < NR_PAGE_ORDERS ? READ_ONCE(contig_zone.free_area[order].nr_free) : 0;
}
