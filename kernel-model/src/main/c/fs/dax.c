// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The truncation side of file-system DAX (<linux/dax.h>): finding pages of
 * a file that someone still holds, and waiting for them to become idle.
 * Linux's file systems do this in their own loops (xfs_break_dax_layouts,
 * ext4_break_layouts, __fuse_dax_break_layouts; since 6.14 the common
 * dax_break_layout()), each around ___wait_var_event(&page->_refcount,
 * refcount == 1, ...).
 */
#include <linux/kernel.h>
#include <linux/dax.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/wait_bit.h>
#include <mmulab/wait.h>

/* the page behind a DAX entry, if someone besides the file holds it */
static struct page *dax_busy_page(void *entry)
{
	struct page *page = pfn_to_page(dax_to_pfn(entry));

	VM_BUG_ON_PAGE(!is_fsdax_page(page), page);
	return page_ref_count(page) > 1 ? page : NULL;
}

struct page *dax_layout_busy_page_range(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	pgoff_t index;

	for (index = start; index <= end; index++) {
		void *entry = xa_load(&mapping->i_pages, index);
		struct page *page;

		if (!entry || !xa_is_value(entry))
			continue;
		page = dax_busy_page(entry);
		if (page)
			return page;
	}
	return NULL;
}

/*
 * The waiter. The hang report names it and the variable: the address is
 * &page->_refcount of the busy page, the condition is the 1-based idle
 * count. Whoever drops the count to 1 must wake us
 * (__put_devmap_managed_page_refs(); see the diagram there).
 */
void dax_wait_page_idle(struct page *page)
{
	might_sleep();
	if (page_ref_count(page) == 1)
		return;
	___wait_var_event(&page->_refcount, page_ref_count(page) == 1,
			  "dax_wait_page_idle(): wait_var_event(&page->_refcount, "
			  "page_ref_count(page) == 1) at " __FILE__ ":" __stringify(__LINE__));
}

int dax_break_layout(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	struct page *page;

	/* a page may be taken again only through a mapping: the caller removed those */
	while ((page = dax_layout_busy_page_range(mapping, start, end)))
		dax_wait_page_idle(page);
	return 0;
}
