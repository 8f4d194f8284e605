/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hugetlb folios (mm/hugetlb.c) and their vmemmap optimisation, HVO
 * (mm/hugetlb_vmemmap.c), after Linux. One hstate: 2 MiB folios (order 9,
 * PMD_SIZE) straight from the buddy allocator, no pool, no reservations.
 *
 *   alloc_fresh_hugetlb_folio(h, gfp)
 *        a new hugetlb folio, refcount 1: a compound page of order
 *        huge_page_order(h), typed hugetlb (page type PGTY_hugetlb in the
 *        head), owner MMULAB_OWNER_HUGETLB, its vmemmap optimised
 *   folio_put(folio)
 *        the last reference frees it through free_huge_folio() ->
 *        update_and_free_hugetlb_folio(): vmemmap restored first, then the
 *        pages go back to the buddy allocator
 *   hugetlb_vmemmap_optimize_folio(h, folio)
 *        the folio's 512 struct pages fill 8 vmemmap pages; remap pages
 *        1..7 onto page 0's frame read-only, flush the kernel TLB, free
 *        the 7 frames. Struct page 64 * k + j then reads struct page j:
 *        64 * k looks like the head (a "fake head"), the rest like tails
 *   hugetlb_vmemmap_restore_folio(h, folio)
 *        the reverse: 7 new frames, filled with tail struct pages, mapped
 *        read-write; 0, or -ENOMEM
 *
 * Build flags: FIX_HVO_RCU_SYNC waits for an RCU grace period before the
 * vmemmap is remapped (speculative references taken under RCU, such as
 * filemap_get_entry()'s folio_try_get(), are gone by then);
 * HVO_NO_TLB_FLUSH leaves out the kernel TLB flush after remapping (a
 * deliberately broken kernel for the pagecache-hvo noflush variant).
 */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H

#include <linux/mm.h>
#include <linux/spinlock.h>

struct hstate {
	unsigned int order;
	unsigned long nr_huge_pages;		/* under hugetlb_lock */
	char name[16];
};

extern struct hstate default_hstate;
extern spinlock_t hugetlb_lock;

#define HUGETLB_PAGE_ORDER	(PMD_SHIFT - PAGE_SHIFT)

static inline unsigned int huge_page_order(const struct hstate *h)
{
	return h->order;
}

static inline unsigned long pages_per_huge_page(const struct hstate *h)
{
	return 1UL << h->order;
}

static inline unsigned long huge_page_size(const struct hstate *h)
{
	return PAGE_SIZE << h->order;
}

/* hugetlb is a page type of the head page, as in Linux */
static inline bool folio_test_hugetlb(const struct folio *folio)
{
	return folio_test_large(folio) && page_type_is(&folio->page, PGTY_hugetlb);
}

static inline void __folio_set_hugetlb(struct folio *folio)
{
	__SetPageHugetlb(&folio->page);
}

static inline void __folio_clear_hugetlb(struct folio *folio)
{
	__ClearPageHugetlb(&folio->page);
}

/* hugetlb's own folio flags, bits of folio->private (Linux's HPG_*) */
enum hugetlb_page_flags {
	HPG_freed,
	HPG_vmemmap_optimized,
	__NR_HPAGEFLAGS,
};

#define HPAGEFLAG(uname, name)							\
static inline bool folio_test_hugetlb_##name(const struct folio *folio)	\
	{ return test_bit(HPG_##name, (const unsigned long *)&folio->private); } \
static inline void folio_set_hugetlb_##name(struct folio *folio)		\
	{ set_bit(HPG_##name, (unsigned long *)&folio->private); }		\
static inline void folio_clear_hugetlb_##name(struct folio *folio)		\
	{ clear_bit(HPG_##name, (unsigned long *)&folio->private); }

HPAGEFLAG(Freed, freed)
HPAGEFLAG(VmemmapOptimized, vmemmap_optimized)

static inline struct hstate *folio_hstate(const struct folio *folio)
{
	(void)folio;
	return &default_hstate;
}

/* mm/hugetlb.c */
struct folio *alloc_fresh_hugetlb_folio(struct hstate *h, gfp_t gfp);
void free_huge_folio(struct folio *folio);	/* from __folio_put() */

/* mm/hugetlb_vmemmap.c */
/* the struct pages of a huge page HVO keeps: the first vmemmap page */
#define HUGETLB_VMEMMAP_RESERVE_SIZE	PAGE_SIZE
#define HUGETLB_VMEMMAP_RESERVE_PAGES	(HUGETLB_VMEMMAP_RESERVE_SIZE / sizeof(struct page))

static inline unsigned long hugetlb_vmemmap_size(const struct hstate *h)
{
	return pages_per_huge_page(h) * sizeof(struct page);
}

/* vmemmap pages HVO frees per huge page: 7 for 2 MiB */
static inline unsigned long hugetlb_vmemmap_optimizable_size(const struct hstate *h)
{
	return hugetlb_vmemmap_size(h) - HUGETLB_VMEMMAP_RESERVE_SIZE;
}

/* HVO on new folios (Linux's hugetlb_free_vmemmap=on); tests turn it off to look */
extern bool hugetlb_optimize_vmemmap_enabled;
void hugetlb_vmemmap_optimize_folio(const struct hstate *h, struct folio *folio);
int hugetlb_vmemmap_restore_folio(const struct hstate *h, struct folio *folio);

#endif /* _LINUX_HUGETLB_H */
