// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mem_init() and a tiny page allocator (<linux/gfp.h>), until the buddy
 * allocator arrives.
 *
 * After mem_init() the physical pages are:
 *   pfn 0                          reserved (as Linux always reserves it)
 *   [1, LOAD_PHYSICAL_ADDR)        free
 *   the kernel image               reserved
 *   memblock allocations           reserved (page tables, the memmap)
 *   [memblock.cur, mem)            free
 * Reserved pages get their struct page initialised here (PG_reserved,
 * refcount 1). Free pages are handed out from two "fresh" ranges, high
 * memory first, and their struct pages are initialised only then (Linux's
 * deferred struct page init in miniature: boot does not touch the memmap
 * of free memory). Freed pages go on a LIFO free list, reused first.
 *
 * HC_PAGE_STATE reports every change of owner, inside zone_lock so the
 * order of reports is the order of the allocator's decisions.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/sections.h>
#include <mmulab/boot.h>
#include <mmulab/page_state.h>

struct pfn_range {
	unsigned long start, end;
};

static DEFINE_SPINLOCK(zone_lock);
static LIST_HEAD(free_list);
static struct pfn_range fresh[2];	/* never handed out yet, in this order */
static unsigned long nr_free;

/* Linux's __init_single_page: a clean struct page with one reference */
static void __init_single_page(struct page *page)
{
	memset(page, 0, sizeof(*page));
	INIT_LIST_HEAD(&page->lru);
	atomic_set(&page->_mapcount, -1);
	set_page_count(page, 1);
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

	BUG_ON(image_end != PHYS_PFN(memblock.start));
	memblock.closed = true;

	reserve_pfn_range(0, 1);
	reserve_pfn_range(image_start, boot_end);

	/* memblock already reported its page tables and the memmap */
	mmulab_page_state(0, 1, MMULAB_OWNER_KERNEL);
	mmulab_page_state(1, image_start - 1, MMULAB_OWNER_FREE);
	mmulab_page_state(image_start, image_end - image_start, MMULAB_OWNER_KERNEL);
	mmulab_page_state(virt_to_pfn(init_mm.pgd), 1, MMULAB_OWNER_PAGE_TABLE);
	mmulab_page_state(boot_end, max_pfn - boot_end, MMULAB_OWNER_FREE);

	fresh[0] = (struct pfn_range){ boot_end, max_pfn };
	fresh[1] = (struct pfn_range){ 1, image_start };
	nr_free = (max_pfn - boot_end) + (image_start - 1);
}

static struct page *__rmqueue(void)
{
	struct page *page;
	unsigned int i;

	if (!list_empty(&free_list)) {
		page = list_first_entry(&free_list, struct page, lru);
		list_del(&page->lru);
		return page;
	}
	for (i = 0; i < ARRAY_SIZE(fresh); i++) {
		if (fresh[i].start < fresh[i].end) {
			page = pfn_to_page(fresh[i].start++);
			__init_single_page(page);
			set_page_count(page, 0);
			return page;
		}
	}
	return NULL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;
	unsigned long flags;

	if (WARN(order, "only order-0 pages so far (order %u)", order))
		return NULL;

	spin_lock_irqsave(&zone_lock, flags);
	page = __rmqueue();
	if (page) {
		nr_free--;
		mmulab_page_state(page_to_pfn(page), 1, MMULAB_OWNER_ANON);
	}
	spin_unlock_irqrestore(&zone_lock, flags);

	if (!page) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("page allocation failure: order:%u, mode:%#x\n", order, gfp);
		return NULL;
	}

	VM_BUG_ON(page_ref_count(page) != 0);
	VM_BUG_ON(PageReserved(page));
	page->flags = 0;
	page->mapping = NULL;
	page->private = 0;
	set_page_refcounted(page);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE);
	return page;
}

static void bad_page(struct page *page, const char *reason)
{
	__mmulab_bug_fmt(__FILE__, __LINE__, "Bad page state: pfn %lx refcount %d mapcount %d flags %lx: %s",
			 page_to_pfn(page), page_ref_count(page),
			 atomic_read(&page->_mapcount), page->flags, reason);
}

/* the last reference is gone: back to the free list */
void free_unref_page(struct page *page, unsigned int order)
{
	unsigned long flags;

	if (WARN(order, "only order-0 pages so far (order %u)", order))
		return;
	if (unlikely(page_ref_count(page) != 0))
		bad_page(page, "nonzero _refcount");
	if (unlikely(PageReserved(page)))
		bad_page(page, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set (reserved)");
	if (unlikely(atomic_read(&page->_mapcount) != -1))
		bad_page(page, "nonzero mapcount");

	spin_lock_irqsave(&zone_lock, flags);
	mmulab_page_state(page_to_pfn(page), 1, MMULAB_OWNER_FREE);
	list_add(&page->lru, &free_list);
	nr_free++;
	spin_unlock_irqrestore(&zone_lock, flags);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page))
		free_unref_page(page, order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(nr_free);
}
