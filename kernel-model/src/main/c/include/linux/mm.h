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

/*
 * The zone of a page, in the top bits of page->flags as in Linux
 * (ZONES_PGSHIFT). Memory handed out by the buddy allocator is
 * ZONE_NORMAL (0: prep_new_page() clears the flags); memremap_pages()
 * turns pages it takes over into ZONE_DEVICE pages (mm/memremap.c).
 */
enum zone_type {
	ZONE_NORMAL,
	ZONE_DEVICE,
	__MAX_NR_ZONES
};

#define ZONES_WIDTH		1
#define ZONES_PGSHIFT		(BITS_PER_LONG - ZONES_WIDTH)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
_Static_assert(__MAX_NR_ZONES <= (1 << ZONES_WIDTH), "ZONES_WIDTH too small");
_Static_assert(__NR_PAGEFLAGS <= ZONES_PGSHIFT, "page flags overlap the zone bits");

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (READ_ONCE(page->flags) >> ZONES_PGSHIFT) & ZONES_MASK;
}

/* set while nobody else can see the page (memremap_pages(), memunmap_pages()) */
static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags = (page->flags & ~(ZONES_MASK << ZONES_PGSHIFT)) |
		      ((unsigned long)zone << ZONES_PGSHIFT);
}

static inline bool is_zone_device_page(const struct page *page)
{
	return page_zonenum(page) == ZONE_DEVICE;
}

static inline bool folio_is_zone_device(const struct folio *folio)
{
	return is_zone_device_page(&folio->page);
}

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
	PGTY_hugetlb	= 0xf4,		/* the head of a hugetlb folio (<linux/hugetlb.h>) */
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
PAGE_TYPE_OPS(Hugetlb, hugetlb)

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
/* a non-compound block of 2^order pages becomes 2^order pages, refcount 1 each */
void split_page(struct page *page, unsigned int order);
/* the page is free: inside a block on a free list (racy unless quiescent) */
bool is_free_buddy_page(const struct page *page);

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

/*
 * ZONE_DEVICE pages of the fsdax kind count from 1, not 0 (an idle page
 * has refcount 1, <linux/memremap.h>): their puts go through
 * __put_devmap_managed_page_refs() (mm/memremap.c), which wakes a waiter
 * for the page to become idle when the count drops back to 1. True when
 * the page was such a page and the references are dropped.
 *
 * Only put_page() and GUP's put (gup_put_folio(), with FIX_DEVMAP_PUT_REFS)
 * look; folio_put() and folio_put_refs() do not, as in the Linux versions
 * with 1-based fsdax pages: callers that may hold fsdax pages must not use
 * them.
 */
bool __put_devmap_managed_page_refs(struct page *page, int refs);

static inline bool put_devmap_managed_page_refs(struct page *page, int refs)
{
	if (!is_zone_device_page(page))
		return false;
	return __put_devmap_managed_page_refs(page, refs);
}

static inline bool put_devmap_managed_page(struct page *page)
{
	return put_devmap_managed_page_refs(page, 1);
}

static inline void get_page(struct page *page)
{
	folio_get(page_folio(page));
}

static inline void put_page(struct page *page)
{
	struct folio *folio = page_folio(page);

	if (put_devmap_managed_page(&folio->page))
		return;
	folio_put(folio);
}

static inline bool get_page_unless_zero(struct page *page)
{
	return page_ref_add_unless(page, 1, 0);
}

/* ------------------------------------------------------------------------
 * Address spaces (mm/mmap.c, mm/memory.c, mm/huge_memory.c)
 */

struct pt_regs;
struct kmem_cache;

/* vm_flags */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_PFNMAP	0x00000400UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_HUGEPAGE	0x20000000UL	/* MADV_HUGEPAGE: THP faults and collapse */
#define VM_NOHUGEPAGE	0x40000000UL
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)

/* mmap() arguments */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20

/* fault flags (struct vm_fault.flags) */
#define FAULT_FLAG_WRITE	0x0001
#define FAULT_FLAG_USER		0x0040
#define FAULT_FLAG_REMOTE	0x0080	/* GUP on another mm */
#define FAULT_FLAG_VMA_LOCK	0x1000	/* under the per-VMA lock, not mmap_lock */

/* fault results */
#define VM_FAULT_OOM		0x000001
#define VM_FAULT_SIGBUS		0x000002
#define VM_FAULT_SIGSEGV	0x000040
#define VM_FAULT_NOPAGE		0x000100
#define VM_FAULT_RETRY		0x000400
#define VM_FAULT_FALLBACK	0x000800
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/* what a fault handler works with, as in Linux */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;		/* page aligned */
	unsigned long real_address;
	unsigned int flags;		/* FAULT_FLAG_* */
	pgoff_t pgoff;			/* offset in vma->vm_file */
	pmd_t *pmd;
	pte_t *pte;			/* the entry, once mapped */
	pte_t orig_pte;
	struct folio *folio;		/* what ->fault found, referenced */
};

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline pgoff_t linear_page_index(const struct vm_area_struct *vma, unsigned long address)
{
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

static inline bool range_in_vma(const struct vm_area_struct *vma, unsigned long start,
				unsigned long end)
{
	return vma && vma->vm_start <= start && end <= vma->vm_end;
}

pgprot_t vm_get_page_prot(unsigned long vm_flags);

struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);
void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);
void proc_caches_init(void);

void vma_cache_init(void);		/* the vm_area_struct cache (boot) */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);
extern struct kmem_cache *vm_area_cachep;

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long vm_flags, pgoff_t pgoff);
unsigned long vm_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len);

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs);
vm_fault_t handle_user_fault(struct mm_struct *mm, unsigned long address, unsigned int flags,
			     struct pt_regs *regs);
int fixup_user_fault(struct mm_struct *mm, unsigned long address, unsigned int fault_flags);
void pte_free_defer(struct mm_struct *mm, pte_t *pte);
void free_user_pgtables(struct mm_struct *mm);
void zap_page_range_single(struct vm_area_struct *vma, unsigned long address,
			   unsigned long size);
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end);

/* page-table pages of user address spaces (PAGE_TABLE owners) */
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address);
int __pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long address);
pte_t *pte_alloc_one(struct mm_struct *mm);
void pte_free(struct mm_struct *mm, pte_t *pte);

/* the user page-table walk of a resident page: follow_page-style lookups */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address);

/* mm/huge_memory.c */
#define HPAGE_PMD_SHIFT		PMD_SHIFT
#define HPAGE_PMD_SIZE		PMD_SIZE
#define HPAGE_PMD_MASK		PMD_MASK
#define HPAGE_PMD_ORDER		(PMD_SHIFT - PAGE_SHIFT)
#define HPAGE_PMD_NR		(1 << HPAGE_PMD_ORDER)
/* collapse_huge_page() results (mm/khugepaged.c) */
enum scan_result {
	SCAN_FAIL,
	SCAN_SUCCEED,
	SCAN_VMA_CHECK,
	SCAN_PMD_NULL,
	SCAN_PMD_MAPPED,
	SCAN_PTE_NON_PRESENT,
	SCAN_PAGE_COUNT,
	SCAN_PAGE_COMPOUND,
	SCAN_ALLOC_HUGE_PAGE_FAIL,
};
struct folio *khugepaged_alloc_folio(void);
int collapse_huge_page(struct mm_struct *mm, unsigned long address, struct folio **hpage);
void tlb_remove_table_sync_one(void);
bool thp_vma_suitable(struct vm_area_struct *vma, unsigned long haddr);
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf);
vm_fault_t filemap_fault(struct vm_fault *vmf);

/* ====================================================================== */
/* GUP references: FOLL_* flags, pins (mm/gup.c, "references" section)     */
/*                                                                        */
/* Owned by the GUP reference API; the page-table walkers (gup_fast,      */
/* __get_user_pages, follow_page) add their declarations below this block. */

/* gup_flags (Linux's enum in <linux/mm_types.h>, the ones modelled) */
#define FOLL_WRITE		(1U << 0)	/* the caller will write to the pages */
#define FOLL_GET		(1U << 1)	/* take a plain reference (put_page()) */
#define FOLL_FORCE		(1U << 3)	/* ignore the VMA's permissions */
#define FOLL_NOWAIT		(1U << 4)	/* do not wait for faults */
#define FOLL_NOFAULT		(1U << 5)	/* do not fault pages in at all */
#define FOLL_LONGTERM		(1U << 8)	/* the pin lasts indefinitely (RDMA, VFIO) */
#define FOLL_PIN		(1U << 16)	/* take a pin (unpin_user_page()) */
#define FOLL_FAST_ONLY		(1U << 17)	/* GUP-fast only, no slow-path fallback */
#define FOLL_TOUCH		(1U << 18)	/* mark the pages accessed */

/*
 * A pin on an order-0 folio adds GUP_PIN_COUNTING_BIAS to its refcount, so
 * that "refcount >= bias" says "maybe pinned for DMA" without a field of
 * its own (false positives once 1024 plain references are held are
 * accepted). A large folio counts pins exactly in _pincount and adds one
 * plain reference per pin.
 */
#define GUP_PIN_COUNTING_BIAS	(1U << 10)

/*
 * try_grab_folio - take refs references of the kind flags asks for
 * (FOLL_GET or FOLL_PIN) on a folio the caller keeps alive otherwise (the
 * slow path: under the page-table lock, or holding a reference), so its
 * count is certainly not 0. 0 on success, -ENOMEM when the count is 0 or
 * below (a bug), -EAGAIN when the RCU-style grab of the unfixed slow path
 * (no FIX_TRY_GRAB_SLOW) refused. Without FIX_TRY_GRAB_SLOW and with
 * CONFIG_TINY_RCU, calling it preemptible (no lock held) is a VM_BUG_ON.
 */
int __must_check try_grab_folio(struct folio *folio, int refs, unsigned int flags);

/*
 * try_grab_folio_fast - GUP-fast's grab: interrupts disabled, no lock, the
 * page found in a page table that may change under it. Takes refs
 * references (FOLL_GET) or pins (FOLL_PIN) with a fully ordered
 * add-unless-zero, so the caller's recheck of the page-table entry reads
 * after the reference is visible. NULL if the folio is being freed (or,
 * FOLL_LONGTERM, cannot be pinned for long).
 */
struct folio *try_grab_folio_fast(struct page *page, int refs, unsigned int flags);

/* drop what try_grab_folio*() took: refs references or pins */
void gup_put_folio(struct folio *folio, int refs, unsigned int flags);

/* the page-table walkers (mm/gup.c, second part) */
long __get_user_pages(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
		      unsigned int gup_flags, struct page **pages);
long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages);
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages);
long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages);
long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages);
int get_user_pages_fast_only(unsigned long start, int nr_pages, unsigned int gup_flags,
			     struct page **pages);
int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);

void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void unpin_folio(struct folio *folio);

/*
 * folio_maybe_dma_pinned - may this folio be pinned (FOLL_PIN) for DMA?
 * Exact for large folios (_pincount); for order-0 ones a heuristic: the
 * refcount has reached the pin bias. Racy by nature: a pin taken right
 * after the check is missed, which callers handle with their own locks
 * (the page-table lock, the mapping's lock).
 */
static inline bool folio_maybe_dma_pinned(struct folio *folio)
{
	if (folio_test_large(folio))
		return atomic_read(&folio->_pincount) > 0;
	return (unsigned int)folio_ref_count(folio) >= GUP_PIN_COUNTING_BIAS;
}

static inline bool page_maybe_dma_pinned(struct page *page)
{
	return folio_maybe_dma_pinned(page_folio(page));
}

/* the pins of a large folio (exact), or an order-0 folio's bias estimate */
static inline int folio_pincount(struct folio *folio)
{
	if (folio_test_large(folio))
		return atomic_read(&folio->_pincount);
	return folio_ref_count(folio) / GUP_PIN_COUNTING_BIAS;
}

/*
 * May this folio be pinned FOLL_LONGTERM? Not ZONE_DEVICE (fsdax) pages:
 * a long-term pin would block truncation of the file for ever.
 */
static inline bool folio_is_longterm_pinnable(struct folio *folio)
{
	return !folio_is_zone_device(folio);
}

/* ====================================================================== */

#endif /* _LINUX_MM_H */
