/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/const.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/mm_types.h>
#include <linux/pgtable.h>
#include <linux/gfp.h>
#include <asm/page.h>

extern unsigned long max_pfn;		/* one past the last physical page frame */

/* flags for create_pgd_mapping() */
#define NO_BLOCK_MAPPINGS	(1 << 0)	/* 4 KiB pages only, no 2 MiB leaves */

/*
 * Map [virt, virt + size) to [phys, phys + size) in the tables under pgdir
 * with protection prot (a 4 KiB-page pgprot; 2 MiB leaves get pmd_mkhuge()
 * applied). Page-table pages come from memblock and are reached through the
 * direct map. All three of phys, virt and size must be page aligned.
 */
void create_pgd_mapping(pgd_t *pgdir, phys_addr_t phys, unsigned long virt,
			phys_addr_t size, pgprot_t prot, int flags);

void map_mem(pgd_t *pgdp);		/* the direct map of [0, max_pfn) */
void map_kernel(pgd_t *pgdp);		/* the kernel image, 4 KiB pages */
void vmemmap_populate(pgd_t *pgdp);	/* struct pages for [0, max_pfn) */
void preallocate_vmalloc_pages(pgd_t *pgdp);	/* tables for the vmalloc area */

void paging_init(void);		/* arch: build init_mm.pgd and switch to it */
void mem_init(void);		/* page allocator up, memblock closed */

/* ---------------------------------------------------------------------- */
/* struct page <-> pfn <-> address (SPARSEMEM_VMEMMAP)                     */

#define vmemmap			((struct page *)VMEMMAP_START)
#define pfn_to_page(pfn)	(vmemmap + (pfn))
#define page_to_pfn(page)	((unsigned long)((page) - vmemmap))
#define PAGE_ALIGN(addr)	ALIGN((addr), PAGE_SIZE)
#define PFN_UP(x)		(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)		((x) >> PAGE_SHIFT)
#define pfn_valid(pfn)		((unsigned long)(pfn) < max_pfn)
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define page_address(page)	((void *)__va(page_to_phys(page)))
#define virt_to_page(addr)	pfn_to_page(virt_to_pfn(addr))
#define phys_to_page(phys)	pfn_to_page(PHYS_PFN(phys))

/* page flags (bits of page->flags), the few in use so far */
enum pageflags {
	PG_locked,
	PG_writeback,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_head,		/* the head of a compound page / large folio */
	PG_waiters,
	PG_active,
	PG_reserved,		/* never handed out: image, page tables, memmap */
	PG_private,
	__NR_PAGEFLAGS,
};

/* flags that must be clear when a page is freed / handed out */
#define PAGE_FLAGS_CHECK_AT_FREE	(BIT(PG_lru) | BIT(PG_locked) | BIT(PG_private) | \
					 BIT(PG_writeback) | BIT(PG_reserved) | BIT(PG_active))
#define PAGE_FLAGS_CHECK_AT_PREP	((BIT(__NR_PAGEFLAGS) - 1) & ~BIT(PG_head))

#define PAGEFLAG(uname, lname)							\
static inline bool Page##uname(const struct page *page)				\
	{ return test_bit(PG_##lname, &page->flags); }				\
static inline void SetPage##uname(struct page *page)				\
	{ set_bit(PG_##lname, &page->flags); }					\
static inline void ClearPage##uname(struct page *page)				\
	{ clear_bit(PG_##lname, &page->flags); }				\
static inline void __SetPage##uname(struct page *page)				\
	{ __set_bit(PG_##lname, &page->flags); }				\
static inline void __ClearPage##uname(struct page *page)			\
	{ __clear_bit(PG_##lname, &page->flags); }				\
static inline bool folio_test_##lname(const struct folio *folio)		\
	{ return test_bit(PG_##lname, &folio->flags); }				\
static inline void folio_set_##lname(struct folio *folio)			\
	{ set_bit(PG_##lname, &folio->flags); }					\
static inline void folio_clear_##lname(struct folio *folio)			\
	{ clear_bit(PG_##lname, &folio->flags); }				\
static inline void __folio_set_##lname(struct folio *folio)			\
	{ __set_bit(PG_##lname, &folio->flags); }				\
static inline void __folio_clear_##lname(struct folio *folio)			\
	{ __clear_bit(PG_##lname, &folio->flags); }

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Locked, locked)
PAGEFLAG(LRU, lru)
PAGEFLAG(Head, head)
PAGEFLAG(Private, private)

/* VM_BUG_ON with the page's state in the message (Linux's dump_page) */
#if CONFIG_DEBUG_VM
#define VM_BUG_ON_PAGE(cond, page) do {						\
	if (unlikely(cond))							\
		__mmulab_bug_fmt(__FILE__, __LINE__,				\
			"VM_BUG_ON_PAGE(" #cond "): pfn %#lx refcount %d mapcount %d flags %#lx", \
			page_to_pfn(page), atomic_read(&(page)->_refcount),	\
			atomic_read(&(page)->_mapcount), (page)->flags);	\
} while (0)
#else
#define VM_BUG_ON_PAGE(cond, page)	VM_BUG_ON(cond)
#endif
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON_PAGE(cond, &(folio)->page)

/* ---------------------------------------------------------------------- */
/* page types (the _mapcount word of pages never mapped to user space)    */

enum pagetype {
	PGTY_buddy	= 0xf0,		/* a free block's first page, in a free_area */
	PGTY_slab	= 0xf5,		/* a slab (mm/slab.h) */
	PGTY_mapcount_underflow = 0xff,	/* not a type: _mapcount -1 and below */
};

static inline bool page_type_is(const struct page *page, enum pagetype t)
{
	return (READ_ONCE(page->page_type) >> 24) == (unsigned int)t;
}

#define PAGE_TYPE_OPS(uname, lname)						\
static inline bool Page##uname(const struct page *page)				\
	{ return page_type_is(page, PGTY_##lname); }				\
static inline void __SetPage##uname(struct page *page)				\
{										\
	VM_BUG_ON_PAGE(page_type_is(page, PGTY_##lname), page);			\
	WRITE_ONCE(page->page_type, (unsigned int)PGTY_##lname << 24);		\
}										\
static inline void __ClearPage##uname(struct page *page)			\
{										\
	VM_BUG_ON_PAGE(!page_type_is(page, PGTY_##lname), page);		\
	WRITE_ONCE(page->page_type, UINT_MAX);					\
}

PAGE_TYPE_OPS(Buddy, buddy)
PAGE_TYPE_OPS(Slab, slab)

/* ---------------------------------------------------------------------- */
/* compound pages and folios                                              */

/*
 * A tail page's compound_head holds the head's address + 1 (bit 0 set;
 * struct pages are 64-byte aligned, so a real pointer never has it). It
 * shares its word with lru.next, so every other use keeps bit 0 clear.
 */
static __always_inline unsigned long _compound_head(const struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	if (unlikely(head & 1))
		return head - 1;
	return (unsigned long)page;
}

#define compound_head(page)	((__typeof__(page))_compound_head(page))

static __always_inline int PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1;
}

static __always_inline int PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

static __always_inline void set_compound_head(struct page *page, struct page *head)
{
	WRITE_ONCE(page->compound_head, (unsigned long)head + 1);
}

static __always_inline void clear_compound_head(struct page *page)
{
	WRITE_ONCE(page->compound_head, 0);
}

/* the folio a page belongs to: its compound head (the page itself if order 0) */
#define page_folio(p)	(_Generic((p),						\
	const struct page *:	(const struct folio *)_compound_head(p),	\
	struct page *:		(struct folio *)_compound_head(p)))

/* the n'th page of a folio (the memmap is virtually contiguous) */
#define folio_page(folio, n)	(&(folio)->page + (n))

static inline bool folio_test_large(const struct folio *folio)
{
	return folio_test_head(folio);
}

static inline unsigned int folio_order(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return 0;
	return READ_ONCE(folio->_flags_1) & 0xff;
}

static inline long folio_nr_pages(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return 1;
	return READ_ONCE(folio->_folio_nr_pages);
}

static inline unsigned int compound_order(const struct page *page)
{
	const struct folio *folio = (const struct folio *)page;

	if (!PageHead(page))
		return 0;
	return folio->_flags_1 & 0xff;
}

static inline void folio_set_order(struct folio *folio, unsigned int order)
{
	if (WARN_ON_ONCE(!order || !folio_test_large(folio)))
		return;
	folio->_flags_1 = (folio->_flags_1 & ~0xffUL) | order;
	folio->_folio_nr_pages = 1U << order;
}

static inline unsigned long folio_pfn(const struct folio *folio)
{
	return page_to_pfn(&folio->page);
}

static inline struct folio *pfn_folio(unsigned long pfn)
{
	return page_folio(pfn_to_page(pfn));
}

static inline void *folio_address(const struct folio *folio)
{
	return page_address(&folio->page);
}

static inline size_t folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio_order(folio);
}

/* a poison for tail pages' ->mapping (Linux's TAIL_MAPPING) */
#define TAIL_MAPPING		((struct address_space *)0x400)

/* mm/page_alloc.c */
void prep_compound_page(struct page *page, unsigned int order);

#include <linux/page_ref.h>

/* ---------------------------------------------------------------------- */
/* references: the folio API and its page wrappers                        */

void __folio_put(struct folio *folio);		/* the last reference is gone */

/* fully ordered; true when this dropped the last reference */
static inline bool folio_put_testzero(struct folio *folio)
{
	return folio_ref_dec_and_test(folio);
}

static inline bool put_page_testzero(struct page *page)
{
	return page_ref_dec_and_test(page);
}

/*
 * folio_put - drop a reference; the last one frees the folio (all its
 * pages, back to the buddy allocator).
 */
static inline void folio_put(struct folio *folio)
{
	if (folio_put_testzero(folio))
		__folio_put(folio);
}

/* drop refs references at once (the page cache holds nr_pages of them) */
static inline void folio_put_refs(struct folio *folio, int refs)
{
	if (folio_ref_sub_and_test(folio, refs))
		__folio_put(folio);
}

static inline void get_page(struct page *page)
{
	folio_get(page_folio(page));
}

static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

static inline bool get_page_unless_zero(struct page *page)
{
	return page_ref_add_unless(page, 1, 0);
}

#endif /* _LINUX_MM_H */
