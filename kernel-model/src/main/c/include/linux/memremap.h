/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device memory with struct pages (ZONE_DEVICE), after Linux's
 * <linux/memremap.h> in the versions whose fsdax pages counted from 1
 * (MEMORY_DEVICE_FS_DAX, up to 6.14), part 10 of the kernel model.
 *
 * A driver describes its memory in a struct dev_pagemap and hands it to
 * memremap_pages(), which gives every page frame of the range a struct
 * page in ZONE_DEVICE pointing back at the pgmap. Here the "device" is a
 * physically contiguous, naturally aligned block that memremap_pages()
 * takes from the buddy allocator (there is no other physical memory), and
 * memunmap_pages() gives back.
 *
 * Reference counts of fsdax pages are 1-based: an idle page (mapped into a
 * file or not, nobody using it) has refcount 1, each get_page() or
 * FOLL_GET adds 1, each pin GUP_PIN_COUNTING_BIAS. The count never drops
 * to 0 (that would be a misuse, reported as a refcount underflow), and
 * the transition back to 1 is what a truncating filesystem waits for
 * (fs/dax.c, dax_break_layout()): every put of such a page goes through
 * __put_devmap_managed_page_refs(), which wakes the waiters on
 * &page->_refcount when the count reaches 1.
 *
 *   memremap_pages(pgmap)          set up; returns the range's direct-map
 *                                  address, or NULL
 *   memunmap_pages(pgmap)          tear down; every page must be idle
 *   is_fsdax_page(page)            a ZONE_DEVICE page of an fsdax pgmap
 *   page_pgmap(page)               its dev_pagemap
 */
#ifndef _LINUX_MEMREMAP_H
#define _LINUX_MEMREMAP_H

#include <linux/types.h>
#include <linux/mm.h>

struct range {
	u64 start;
	u64 end;		/* inclusive, as Linux's struct range */
};

static inline u64 range_len(const struct range *range)
{
	return range->end - range->start + 1;
}

enum memory_type {
	/* 0 is reserved to catch uninitialized type fields */
	MEMORY_DEVICE_PRIVATE = 1,
	MEMORY_DEVICE_COHERENT,
	MEMORY_DEVICE_FS_DAX,
	MEMORY_DEVICE_GENERIC,
	MEMORY_DEVICE_PCI_P2PDMA,
};

struct dev_pagemap;

struct dev_pagemap_ops {
	/* a device-private page is free again; not called for fsdax pages */
	void (*page_free)(struct page *page);
};

/*
 * struct dev_pagemap - one range of device memory
 * @type:	what kind of memory (only MEMORY_DEVICE_FS_DAX is modelled)
 * @nr_pages:	how many pages the driver asks for (a power of two here,
 *		since the range is one buddy block); memremap_pages() fills
 *		in @range
 * @range:	the physical range, inclusive end
 * @ops:	the driver's callbacks (may be NULL)
 * @owner:	the driver's cookie
 */
struct dev_pagemap {
	enum memory_type type;
	unsigned long nr_pages;
	struct range range;
	const struct dev_pagemap_ops *ops;
	void *owner;
};

static inline struct dev_pagemap *page_pgmap(const struct page *page)
{
	VM_BUG_ON(!is_zone_device_page(page));
	return READ_ONCE(page->pgmap);
}

static inline bool is_fsdax_page(const struct page *page)
{
	return is_zone_device_page(page) && page_pgmap(page)->type == MEMORY_DEVICE_FS_DAX;
}

static inline bool folio_is_fsdax(const struct folio *folio)
{
	return is_fsdax_page(&folio->page);
}

void *memremap_pages(struct dev_pagemap *pgmap, int nid);
void memunmap_pages(struct dev_pagemap *pgmap);

/* the last reference to a ZONE_DEVICE folio is gone (from __folio_put()) */
void free_zone_device_folio(struct folio *folio);

#endif /* _LINUX_MEMREMAP_H */
