// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A small SLUB (<linux/slab.h>): each slab is a block of 2^order pages
 * (a compound page when order > 0) whose struct page is a struct slab
 * (mm/slab.h); its free objects form a singly linked list through a free
 * pointer at s->offset in each object. Slabs with both free and used
 * objects are on the cache's partial list; full slabs are on no list; a
 * slab whose last object is freed goes back to the page allocator at once
 * (min_partial 0), or, for SLAB_TYPESAFE_BY_RCU caches, after an RCU grace
 * period (call_rcu on slab->rcu_head), as in Linux's discard_slab().
 * One lock per cache (Linux's per-node list_lock; no per-CPU slabs), taken
 * with interrupts masked because RCU callbacks free objects from interrupt
 * context.
 *
 * Slab pages are reported to the emulator as MMULAB_OWNER_SLAB, so a
 * reader that touches a slab page after it went back to the page
 * allocator is a use-after-free; touching a freed (or reused) object of a
 * live slab is not, which is exactly SLAB_TYPESAFE_BY_RCU's promise.
 */
#include <linux/kernel.h>
#include <linux/cache.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <mmulab/page_state.h>
#include "slab.h"

#define MAX_KMEM_CACHES		16
#define MAX_SLAB_ORDER		3

/* the boot cache of kmem_cache structures (Linux bootstraps "kmem_cache") */
static struct kmem_cache kmem_cache_boot[MAX_KMEM_CACHES];
static unsigned int nr_kmem_caches;
static DEFINE_SPINLOCK(slab_mutex);

static inline void *get_freepointer(struct kmem_cache *s, void *object)
{
	return READ_ONCE(*(void **)((char *)object + s->offset));
}

static inline void set_freepointer(struct kmem_cache *s, void *object, void *fp)
{
	/* the naive double-free check Linux has here too */
	BUG_ON(object == fp);
	WRITE_ONCE(*(void **)((char *)object + s->offset), fp);
}

static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, sizeof(void *));

	if ((s->flags & SLAB_TYPESAFE_BY_RCU) || s->ctor) {
		/* the object's contents survive freeing: the pointer goes after it */
		s->offset = size;
		size += sizeof(void *);
	} else {
		/* in the middle of the object, as Linux places it */
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *));
	}
	s->size = ALIGN(size, s->align);
	for (s->order = 0; s->order < MAX_SLAB_ORDER; s->order++) {
		if ((PAGE_SIZE << s->order) / s->size >= 4)
			break;
	}
	s->objects = (PAGE_SIZE << s->order) / s->size;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	unsigned long irqflags;

	spin_lock_irqsave(&slab_mutex, irqflags);
	if (nr_kmem_caches < MAX_KMEM_CACHES)
		s = &kmem_cache_boot[nr_kmem_caches++];
	spin_unlock_irqrestore(&slab_mutex, irqflags);
	if (!s || !size || size > (PAGE_SIZE << MAX_SLAB_ORDER) / 2) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: cannot create %s (size %u)", name, size);
		return NULL;
	}

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = size;
	s->flags = flags;
	s->ctor = ctor;
	s->align = max_t(unsigned int, align, sizeof(void *));
	if (flags & SLAB_HWCACHE_ALIGN)
		s->align = max_t(unsigned int, s->align, L1_CACHE_BYTES);
	spin_lock_init(&s->list_lock);
	INIT_LIST_HEAD(&s->partial);
	calculate_sizes(s);
	return s;
}

/* s->list_lock held, interrupts masked: a new slab, every object free */
static struct slab *allocate_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page;
	struct slab *slab;
	unsigned int i;
	char *start, *p;

	page = alloc_pages((gfp & ~__GFP_ZERO) | __GFP_COMP, s->order);
	if (!page)
		return NULL;
	mmulab_page_state(page_to_pfn(page), 1UL << s->order, MMULAB_OWNER_SLAB);

	slab = folio_slab(page_folio(page));
	__SetPageSlab(page);
	slab->slab_cache = s;
	slab->inuse = 0;
	slab->objects = s->objects;
	slab->frozen = 0;

	start = slab_address(slab);
	for (i = 0, p = start; i < s->objects; i++, p += s->size) {
		if (s->ctor)
			s->ctor(p);
		set_freepointer(s, p, i + 1 < s->objects ? p + s->size : NULL);
	}
	slab->freelist = start;
	s->nr_slabs++;
	return slab;
}

/* the slab's pages back to the page allocator */
static void __free_slab(struct kmem_cache *s, struct slab *slab)
{
	struct page *page = slab_page(slab);
	unsigned long flags;

	spin_lock_irqsave(&s->list_lock, flags);
	s->nr_slabs--;
	spin_unlock_irqrestore(&s->list_lock, flags);

	__ClearPageSlab(page);
	/* what the slab fields left in the struct page the allocator checks */
	slab->slab_cache = NULL;
	INIT_LIST_HEAD(&page->lru);
	page->mapping = NULL;
	page->index = 0;
	page->private = 0;
	__free_pages(page, s->order);
}

static void rcu_free_slab(struct rcu_head *h)
{
	struct slab *slab = container_of(h, struct slab, rcu_head);

	__free_slab(slab->slab_cache, slab);
}

/* an empty slab, on no list any more */
static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	if (unlikely(s->flags & SLAB_TYPESAFE_BY_RCU))
		call_rcu(&slab->rcu_head, rcu_free_slab);
	else
		__free_slab(s, slab);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct slab *slab;
	unsigned long flags;
	void *object;

	spin_lock_irqsave(&s->list_lock, flags);
	if (list_empty(&s->partial)) {
		slab = allocate_slab(s, gfp);
		if (!slab) {
			spin_unlock_irqrestore(&s->list_lock, flags);
			return NULL;
		}
		list_add(&slab->slab_list, &s->partial);
		s->nr_partial++;
	}
	slab = list_first_entry(&s->partial, struct slab, slab_list);
	object = slab->freelist;
	slab->freelist = get_freepointer(s, object);
	slab->inuse++;
	if (slab->inuse == slab->objects) {
		/* full slabs are on no list */
		list_del(&slab->slab_list);
		s->nr_partial--;
	}
	spin_unlock_irqrestore(&s->list_lock, flags);

	if (gfp & __GFP_ZERO)
		memset(object, 0, s->object_size);
	return object;
}

void kmem_cache_free(struct kmem_cache *s, void *object)
{
	struct slab *slab = virt_to_slab(object);
	unsigned long flags;
	bool was_full, empty;

	if (!object)
		return;
	if (unlikely(!slab || slab->slab_cache != s))
		panic("kmem_cache_free(%s): %p is not an object of this cache", s->name, object);
	if (unlikely(((char *)object - (char *)slab_address(slab)) % s->size))
		panic("kmem_cache_free(%s): %p is not the start of an object", s->name, object);

	spin_lock_irqsave(&s->list_lock, flags);
	set_freepointer(s, object, slab->freelist);
	slab->freelist = object;
	was_full = slab->inuse == slab->objects;
	slab->inuse--;
	empty = slab->inuse == 0;
	if (empty) {
		if (!was_full) {
			list_del(&slab->slab_list);
			s->nr_partial--;
		}
	} else if (was_full) {
		list_add(&slab->slab_list, &s->partial);
		s->nr_partial++;
	}
	spin_unlock_irqrestore(&s->list_lock, flags);

	if (empty)
		discard_slab(s, slab);
}

unsigned long kmem_cache_nr_slabs(struct kmem_cache *s)
{
	return READ_ONCE(s->nr_slabs);
}

/* every object must have been freed; RCU-deferred slabs are waited for */
void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (s->flags & SLAB_TYPESAFE_BY_RCU)
		rcu_barrier();
	WARN(READ_ONCE(s->nr_slabs), "kmem_cache_destroy %s: Slab cache still has objects", s->name);
}
