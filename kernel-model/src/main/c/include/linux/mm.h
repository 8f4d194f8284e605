/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
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
	PG_head,
	PG_waiters,
	PG_active,
	PG_reserved,		/* never handed out: image, page tables, memmap */
	PG_private,
	__NR_PAGEFLAGS,
};

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
	{ __clear_bit(PG_##lname, &page->flags); }

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Locked, locked)

/* reference counts (<linux/page_ref.h> in Linux) */
static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void set_page_refcounted(struct page *page)
{
	set_page_count(page, 1);
}

/* relaxed, like Linux's page_ref_inc() */
static inline void get_page(struct page *page)
{
	atomic_inc(&page->_refcount);
}

/* fully ordered; true when this dropped the last reference */
static inline bool put_page_testzero(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) == 0);
	return atomic_dec_and_test(&page->_refcount);
}

static inline void put_page(struct page *page)
{
	if (put_page_testzero(page))
		free_unref_page(page, 0);
}

#endif /* _LINUX_MM_H */
