/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File-system DAX (fs/dax.c): a file whose pages are device pages
 * (fsdax, <linux/memremap.h>) mapped straight into user space, no page
 * cache copy. The file's mapping holds, per page index, a DAX entry: the
 * pfn of its device page as an XArray value entry (Linux keeps lock and
 * size bits below the pfn; here they are unused).
 *
 * Truncating such a file must wait until nobody else holds its pages: a
 * page pinned for DMA (O_DIRECT, RDMA) must not go back to the file system
 * under the DMA. The file system, having unmapped the range from user page
 * tables (so no new GUP finds the pages), calls dax_break_layout(), which
 * waits on each busy page's refcount until it is back at 1 (fsdax counts
 * are 1-based) -- the wake-up comes from the put that gets it there
 * (__put_devmap_managed_page_refs()).
 */
#ifndef _LINUX_DAX_H
#define _LINUX_DAX_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/xarray.h>

#define DAX_SHIFT	4	/* Linux: DAX_LOCKED, DAX_PMD, DAX_ZERO_PAGE, DAX_EMPTY */

static inline void *dax_make_entry(unsigned long pfn)
{
	return xa_mk_value(pfn << DAX_SHIFT);
}

static inline unsigned long dax_to_pfn(const void *entry)
{
	return xa_to_value(entry) >> DAX_SHIFT;
}

/* the first page in [start, end] (page indices) held by anyone besides the file, or NULL */
struct page *dax_layout_busy_page_range(struct address_space *mapping, pgoff_t start, pgoff_t end);

/* sleep until page's refcount is back at 1 (nobody but the file holds it) */
void dax_wait_page_idle(struct page *page);

/* wait until no page of [start, end] is busy; the range is unmapped already */
int dax_break_layout(struct address_space *mapping, pgoff_t start, pgoff_t end);

#endif /* _LINUX_DAX_H */
