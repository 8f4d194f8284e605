/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Page allocation (mm/page_alloc.c). For now a tiny allocator over the free
 * memory left after boot: order-0 pages only, a LIFO free list under a
 * spinlock, struct pages initialised when a page is first handed out
 * (deferred, so boot stays short). Every page handed out is reported to the
 * emulator as MMULAB_OWNER_ANON, every page freed as MMULAB_OWNER_FREE
 * (HC_PAGE_STATE). A buddy allocator replaces this later, keeping the names.
 *
 *   alloc_page(gfp) / alloc_pages(gfp, 0)  -> struct page *, refcount 1, or NULL
 *   __free_page(page) / __free_pages(page, 0)  drop a reference, free at 0
 *   __get_free_page(gfp), get_zeroed_page(gfp) -> direct-map address, or 0
 *   free_page(addr)
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

struct page;

#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_COMP		0x40000u

#define __GFP_HIGH		((gfp_t)___GFP_HIGH)
#define __GFP_IO		((gfp_t)___GFP_IO)
#define __GFP_FS		((gfp_t)___GFP_FS)
#define __GFP_ZERO		((gfp_t)___GFP_ZERO)
#define __GFP_NOWARN		((gfp_t)___GFP_NOWARN)
#define __GFP_COMP		((gfp_t)___GFP_COMP)
#define __GFP_RECLAIM		((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))

#define GFP_ATOMIC		(__GFP_HIGH | ___GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT		((gfp_t)___GFP_KSWAPD_RECLAIM)

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);	/* put + free at 0 */
void free_unref_page(struct page *page, unsigned int order);	/* refcount already 0 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);

#define alloc_page(gfp)			alloc_pages((gfp), 0)
#define __free_page(page)		__free_pages((page), 0)
#define __get_free_page(gfp)		__get_free_pages((gfp), 0)
#define free_page(addr)			free_pages((addr), 0)

static inline unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* pages the allocator can still hand out */
unsigned long nr_free_pages(void);

#endif /* _LINUX_GFP_H */
