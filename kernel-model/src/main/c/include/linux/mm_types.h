/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <asm/pgtable_types.h>

/* An address space. Only the kernel's (init_mm) exists so far. */
struct mm_struct {
	pgd_t *pgd;			/* root table, kernel virtual address */
	spinlock_t page_table_lock;	/* protects page-table changes */
};

extern struct mm_struct init_mm;

/*
 * struct page: one per physical page frame, 64 bytes, in the virtually
 * mapped memmap at VMEMMAP_START (SPARSEMEM_VMEMMAP: page == vmemmap + pfn,
 * <linux/mm.h>). The layout follows Linux's (flags, a 40-byte union,
 * _mapcount, _refcount, memcg_data) so that the same number of struct
 * pages share a vmemmap page (64 per 4 KiB). Only what the page allocator
 * uses so far is named; the rest comes with the users.
 */
struct page {
	unsigned long flags;		/* PG_* bits, atomic bitops */
	union {
		struct {
			struct list_head lru;	/* free list, LRU lists */
			void *mapping;		/* address_space / anon_vma */
			pgoff_t index;		/* offset within mapping */
			unsigned long private;	/* owner's data (buddy order) */
		};
		struct {
			unsigned long compound_head;	/* bit 0: tail page */
			unsigned long __pad[4];
		};
	};
	atomic_t _mapcount;		/* -1: not mapped into user space */
	atomic_t _refcount;		/* 0: free (or frozen) */
	unsigned long memcg_data;
};

#define STRUCT_PAGE_MAX_SHIFT	6	/* sizeof(struct page) == 64 */

#endif /* _LINUX_MM_TYPES_H */
