// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fsdax-unpin: unpinning a 1-based-refcount DAX page misses the 2->1
 * (here bias + 1 -> 1) transition, and the truncation waiting for it
 * sleeps for ever (Linux 5.18's folio conversion of GUP's put, fixed in
 * 5.19 by "mm: fix missing wake-up event for FSDAX pages").
 *
 * A file on fsdax: its page 0 is a device page (memremap_pages(),
 * MEMORY_DEVICE_FS_DAX), mapped into a user page table. The page table is
 * modelled by one entry and its lock (struct user_pte below; the real user
 * page tables are not used here), enough for the two sides to agree on
 * who can still find the page.
 *
 *	cpu 0 (O_DIRECT into the mapping)	cpu 1 (truncate)
 *	spin_lock(ptl)				spin_lock(ptl)
 *	page = pte; try_grab_folio(FOLL_PIN)	pte = NULL   (unmap_mapping_pages)
 *	spin_unlock(ptl)			spin_unlock(ptl)
 *	DMA into the page			dax_break_layout(file)
 *	unpin_user_page(page)			  page busy (refcount 1 + bias)?
 *	  refcount 1 + bias -> 1		  dax_wait_page_idle(page):
 *	  FIXED: wake_up_var(&page->_refcount)	  wait_var_event(&page->_refcount,
 *	  BUGGY: nothing				refcount == 1)
 *						remove the page from the file
 *
 * If cpu 0 pins before the unmap, cpu 1 finds the page busy. When cpu 1
 * registers as a waiter before the unpin (and so reads 1 + bias), only a
 * wake-up from the unpin can end its sleep. The buggy unpin subtracts the
 * bias with folio_put_refs(), which wakes nobody: cpu 1 sleeps on
 * &page->_refcount for ever, cpu 0 waits for cpu 1 to finish, and the
 * emulator reports a hang naming dax_wait_page_idle() and the refcount.
 * FIX_DEVMAP_PUT_REFS (variant "fixed") routes the unpin through
 * put_devmap_managed_page_refs(), which wakes the waiter at 1.
 *
 * Both images have FIX_TRY_GRAB_SLOW: only this scenario's bug is in
 * them.
 */
//! cflags: -DFIX_TRY_GRAB_SLOW
//! variant fixed: -DFIX_DEVMAP_PUT_REFS
#include <mmulab/scenario.h>
#include <linux/dax.h>
#include <linux/memremap.h>

static struct dev_pagemap pgmap = {
	.type = MEMORY_DEVICE_FS_DAX,
	.nr_pages = 1,
};
static struct address_space file;

/* the user page-table entry that maps the file's page 0, and its lock */
static struct user_pte {
	spinlock_t ptl;
	struct page *page;		/* NULL: not mapped */
} pte __aligned(L1_CACHE_BYTES) = {
	.ptl = __SPIN_LOCK_UNLOCKED(pte.ptl),
};

static struct page *dax_page;

void scenario_setup(void)
{
	void *addr = memremap_pages(&pgmap, 0);

	if (!addr)
		panic("fsdax-unpin: memremap_pages failed");
	dax_page = virt_to_page(addr);
	address_space_init_once(&file);
	xa_store(&file.i_pages, 0, dax_make_entry(page_to_pfn(dax_page)), GFP_KERNEL);
	pte.page = dax_page;
	pr_info("fsdax-unpin: dax page pfn %#lx, &page->_refcount %p\n", page_to_pfn(dax_page),
		&dax_page->_refcount);
}

/* cpu 0: get_user_pages(FOLL_PIN | FOLL_WRITE) of the mapping, DMA, unpin */
static void direct_io(void)
{
	struct page *page;
	int ret = -EFAULT;

	spin_lock(&pte.ptl);
	page = READ_ONCE(pte.page);
	if (page)
		ret = try_grab_folio(page_folio(page), 1, FOLL_PIN | FOLL_WRITE);
	spin_unlock(&pte.ptl);
	if (ret)
		return;		/* truncated first: the I/O fails with -EFAULT */

	/* the device writes the page */
	WRITE_ONCE(*(unsigned long *)page_address(page), 0xd1a);
	unpin_user_page(page);
}

/* cpu 1: truncate the file to 0 */
static void truncate(void)
{
	spin_lock(&pte.ptl);
	WRITE_ONCE(pte.page, NULL);
	spin_unlock(&pte.ptl);

	dax_break_layout(&file, 0, 0);

	/* nobody holds the page any more: it may go back to the file system */
	CHECK(page_ref_count(dax_page) == 1, "truncating a busy dax page: refcount %d",
	      page_ref_count(dax_page));
	xa_erase(&file.i_pages, 0);
}

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("fsdax-unpin needs at least 2 CPUs, have %u", nr_cpu_ids);

	if (cpu == 0)
		direct_io();
	else if (cpu == 1)
		truncate();
	return 0;
}
