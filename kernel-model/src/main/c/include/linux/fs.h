/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct address_space: a file's page cache, its folios indexed by page
 * offset in i_pages (an XArray, <linux/xarray.h>). The API is in
 * <linux/pagemap.h>.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/xarray.h>

struct inode;

struct address_space {
	struct inode *host;		/* the owner (none here) */
	struct xarray i_pages;		/* folios, by index; i_pages.xa_lock */
	gfp_t gfp_mask;			/* for new folios */
	unsigned long nrpages;		/* pages in i_pages, under xa_lock */
	unsigned long flags;
};

static inline void address_space_init_once(struct address_space *mapping)
{
	mapping->host = NULL;
	xa_init(&mapping->i_pages);
	mapping->gfp_mask = 0;
	mapping->nrpages = 0;
	mapping->flags = 0;
}

/* an open file: here only the page cache it maps */
struct file {
	struct address_space *f_mapping;
};

static inline bool mapping_empty(const struct address_space *mapping)
{
	return xa_empty(&mapping->i_pages);
}

#endif /* _LINUX_FS_H */
