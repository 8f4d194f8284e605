/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Page allocation (mm/page_alloc.c): a binary buddy allocator, orders 0 to
 * MAX_PAGE_ORDER (4 MiB blocks), one zone, one free list per order. Every
 * block handed out is reported to the emulator as MMULAB_OWNER_ANON (users
 * such as the slab and the page cache re-annotate their pages), every
 * block freed as MMULAB_OWNER_FREE (HC_PAGE_STATE), so an access to a
 * freed page is an oracle failure.
 *
 *   alloc_pages(gfp, order)  -> struct page *, refcount 1 on the first page,
 *                               or NULL; with __GFP_COMP a compound page
 *                               (prep_compound_page), with __GFP_ZERO zeroed
 *   folio_alloc(gfp, order)  -> struct folio * (always compound), or NULL
 *   __free_pages(page, order)   drop a reference, free at 0
 *   folio_put(folio)            <linux/mm.h>
 *   __get_free_pages(gfp, order), get_zeroed_page(gfp) -> direct-map address
 *   free_pages(addr, order)
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

struct page;
struct folio;

#define MAX_PAGE_ORDER		10			/* 4 MiB blocks */
#define NR_PAGE_ORDERS		(MAX_PAGE_ORDER + 1)
#define MAX_ORDER_NR_PAGES	(1UL << MAX_PAGE_ORDER)

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
struct folio *folio_alloc(gfp_t gfp, unsigned int order);
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
/* free blocks of 2^order pages (racy, for tests and reports) */
unsigned long nr_free_blocks(unsigned int order);

#endif /* _LINUX_GFP_H */
