/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/rwsem.h>
#include <asm/pgtable_types.h>

#include <linux/maple_tree.h>
#include <linux/refcount.h>
#include <linux/cpumask.h>

struct address_space;
struct dev_pagemap;
struct file;
struct vm_area_struct;
struct vm_fault;

typedef unsigned int vm_fault_t;	/* VM_FAULT_* (<linux/mm.h>) */

/*
 * What a VMA's owner does on faults (file mappings: filemap_fault). NULL
 * vm_ops: an anonymous mapping.
 */
struct vm_operations_struct {
	vm_fault_t (*fault)(struct vm_fault *vmf);
};

/*
 * A mapped range [vm_start, vm_end) of one mm, as in Linux: found through
 * mm->mm_mt under RCU, so the object is allocated from a
 * SLAB_TYPESAFE_BY_RCU cache and a lockless finder must recheck that it is
 * still the VMA it was looking for (vm_mm, the range) once it holds the
 * per-VMA lock.
 *
 * Per-VMA lock (<linux/mmap_lock.h>): vm_refcnt is 0 while the VMA is
 * detached, 1 while attached; each reader adds 1, a writer adds
 * VMA_LOCK_OFFSET and waits for the readers to leave; vm_lock_seq ==
 * mm->mm_lock_seq marks it write-locked in the current mmap_lock write
 * section.
 */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;		/* entries of this mapping */
	unsigned long vm_flags;		/* VM_* (<linux/mm.h>) */
	unsigned int vm_lock_seq;
	refcount_t vm_refcnt;
	unsigned long vm_pgoff;		/* offset in the file, in pages */
	struct file *vm_file;		/* NULL: anonymous */
	const struct vm_operations_struct *vm_ops;
};

/*
 * An address space: its VMAs (mm_mt, indexed by address), its page tables
 * (pgd), the CPUs that have it loaded (cpu_bitmap: the TLB shootdown
 * targets on x86), and its locks. mm_lock_seq counts mmap_lock write
 * sections for the per-VMA locks.
 */
struct mm_struct {
	struct maple_tree mm_mt;
	pgd_t *pgd;			/* root table, kernel virtual address */
	atomic_t mm_users;		/* users of the address space */
	atomic_t mm_count;		/* references to the struct */
	int map_count;			/* VMAs */
	spinlock_t page_table_lock;	/* protects page-table changes */
	struct rw_semaphore mmap_lock;	/* <linux/mmap_lock.h> */
	unsigned int mm_lock_seq;	/* mmap_lock write sections so far */
	unsigned long context_id;	/* arm64: the ASID; x86: unused (no PCID) */
	unsigned long total_vm;		/* pages mapped */
	struct cpumask cpu_bitmap;	/* CPUs with this mm loaded */
};

#define mm_cpumask(mm)	(&(mm)->cpu_bitmap)

extern struct mm_struct init_mm;

/*
 * struct page: one per physical page frame, 64 bytes, in the virtually
 * mapped memmap at VMEMMAP_START (SPARSEMEM_VMEMMAP: page == vmemmap + pfn,
 * <linux/mm.h>), as in Linux on 64-bit:
 *
 *   0  flags           PG_* bits (atomic bitops)
 *   8  union (40 bytes), by use:
 *        lru / buddy_list, mapping, index, private     page cache, anon,
 *                                                      buddy (private =
 *                                                      order)
 *        compound_head (bit 0 set)                     tail pages
 *        pgmap, zone_device_data (then mapping, index) ZONE_DEVICE pages
 *        callback_head                                 RCU-freed pages
 *   48 _mapcount / page_type  -1: not mapped; a page type (PGTY_buddy,
 *                             PGTY_slab) in the top byte instead
 *   52 _refcount              0: free or frozen
 *   56 memcg_data
 *
 * so that 64 struct pages share a 4 KiB vmemmap page, which is what
 * hugetlb's vmemmap optimisation depends on. struct folio and struct slab
 * overlay it (<linux/mm_types.h>, mm/slab.h).
 */
struct page {
	unsigned long flags;
	union {
		struct {	/* page cache, anonymous and buddy pages */
			union {
				struct list_head lru;
				struct list_head buddy_list;	/* free_area */
			};
			struct address_space *mapping;
			pgoff_t index;		/* offset within mapping */
			unsigned long private;	/* buddy: the order */
		};
		struct {	/* tail pages of a compound page */
			unsigned long compound_head;	/* head + 1 */
		};
		struct {	/* ZONE_DEVICE pages (<linux/memremap.h>) */
			/* where lru.next is: aligned, so bit 0 is clear (never a tail) */
			struct dev_pagemap *pgmap;
			void *zone_device_data;
			/* mapping and index stay usable: an fsdax page is in a file */
		};
		struct rcu_head rcu_head;
	};
	union {
		atomic_t _mapcount;		/* -1: not mapped into user space */
		unsigned int page_type;		/* PGTY_* << 24 when typed */
	};
	atomic_t _refcount;
	unsigned long memcg_data;
};

#define STRUCT_PAGE_MAX_SHIFT	6	/* sizeof(struct page) == 64 */

/*
 * struct folio: a physically, virtually and logically contiguous set of
 * pages, 2^order of them, always addressed through its head page. It
 * overlays the head page and, for large folios, the first and second tail
 * pages: the order lives in the first tail's flags word (_flags_1, low
 * byte), beside the count of pages (_folio_nr_pages) and the pin and
 * mapping counts, as in Linux.
 */
struct folio {
	union {
		struct {
			unsigned long flags;
			union {
				struct list_head lru;
			};
			struct address_space *mapping;
			pgoff_t index;
			void *private;
			atomic_t _mapcount;
			atomic_t _refcount;
			unsigned long memcg_data;
		};
		struct page page;
	};
	union {
		struct {
			unsigned long _flags_1;		/* low byte: the order */
			unsigned long _head_1;		/* compound_head of page 1 */
			atomic_t _large_mapcount;
			atomic_t _entire_mapcount;
			atomic_t _nr_pages_mapped;
			atomic_t _pincount;
			unsigned int _folio_nr_pages;
		};
		struct page __page_1;
	};
	union {
		struct {
			unsigned long _flags_2;
			unsigned long _head_2;
			void *_hugetlb_subpool;
			void *_hugetlb_cgroup;
		};
		struct page __page_2;
	};
};

#define FOLIO_MATCH(pg, fl)						\
	_Static_assert(__builtin_offsetof(struct page, pg) ==		\
		       __builtin_offsetof(struct folio, fl), "folio " #fl)
FOLIO_MATCH(flags, flags);
FOLIO_MATCH(lru, lru);
FOLIO_MATCH(mapping, mapping);
FOLIO_MATCH(compound_head, lru);
FOLIO_MATCH(index, index);
FOLIO_MATCH(private, private);
FOLIO_MATCH(_mapcount, _mapcount);
FOLIO_MATCH(_refcount, _refcount);
FOLIO_MATCH(memcg_data, memcg_data);
#undef FOLIO_MATCH
_Static_assert(__builtin_offsetof(struct folio, _flags_1) == sizeof(struct page), "folio _flags_1");
_Static_assert(__builtin_offsetof(struct folio, _head_1) ==
	       sizeof(struct page) + __builtin_offsetof(struct page, compound_head), "folio _head_1");
_Static_assert(__builtin_offsetof(struct folio, _flags_2) == 2 * sizeof(struct page), "folio _flags_2");
_Static_assert(sizeof(struct folio) == 3 * sizeof(struct page), "struct folio is three struct pages");

#endif /* _LINUX_MM_TYPES_H */
