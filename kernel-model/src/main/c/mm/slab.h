/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct slab: the struct page of a slab's first page, seen by the slab
 * allocator, at the same offsets as Linux's (flags, slab_cache where a
 * tail's compound_head would be -- bit 0 clear --, the partial-list link
 * or the rcu_head that frees the slab, freelist, counters, page type,
 * refcount).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct slab {
	unsigned long __page_flags;
	struct kmem_cache *slab_cache;
	union {
		struct {
			struct list_head slab_list;	/* on slab_cache->partial */
			void *freelist;			/* first free object */
			union {
				unsigned long counters;
				struct {
					unsigned inuse:16;
					unsigned objects:15;
					unsigned frozen:1;
				};
			};
		};
		struct rcu_head rcu_head;		/* SLAB_TYPESAFE_BY_RCU freeing */
	};
	unsigned int __page_type;
	atomic_t __page_refcount;
	unsigned long obj_exts;
};

#define SLAB_MATCH(pg, sl)						\
	_Static_assert(__builtin_offsetof(struct page, pg) ==		\
		       __builtin_offsetof(struct slab, sl), "slab " #sl)
SLAB_MATCH(flags, __page_flags);
SLAB_MATCH(compound_head, slab_cache);	/* bit 0 clear: not a tail */
SLAB_MATCH(_refcount, __page_refcount);
SLAB_MATCH(page_type, __page_type);
SLAB_MATCH(memcg_data, obj_exts);
#undef SLAB_MATCH
_Static_assert(sizeof(struct slab) <= sizeof(struct page), "struct slab fits a struct page");
_Static_assert(__builtin_offsetof(struct slab, rcu_head) == 16, "rcu_head after slab_cache");

struct kmem_cache {
	const char *name;
	unsigned int object_size;	/* what the user asked for */
	unsigned int size;		/* object + free pointer, aligned */
	unsigned int offset;		/* of the free pointer in an object */
	unsigned int align;
	unsigned int flags;
	unsigned int order;		/* of each slab */
	unsigned int objects;		/* per slab */
	void (*ctor)(void *);
	spinlock_t list_lock;		/* taken with interrupts masked */
	struct list_head partial;	/* slabs with free and used objects */
	unsigned long nr_partial;
	unsigned long nr_slabs;		/* slabs holding pages, incl. RCU-pending */
};

#define slab_folio(s)		((struct folio *)(s))
#define folio_slab(f)		((struct slab *)(f))
#define slab_page(s)		(&slab_folio(s)->page)

static inline struct slab *virt_to_slab(const void *addr)
{
	struct folio *folio = page_folio(virt_to_page(addr));

	if (!PageSlab(&folio->page))
		return NULL;
	return folio_slab(folio);
}

static inline void *slab_address(const struct slab *slab)
{
	return folio_address((const struct folio *)slab);
}

#endif /* _MM_SLAB_H */
