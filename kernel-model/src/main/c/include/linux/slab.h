/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The slab allocator (mm/slub.c): caches of equal-sized objects carved out
 * of pages from the buddy allocator.
 *
 *   kmem_cache_create(name, size, align, flags, ctor)
 *   kmem_cache_alloc(s, gfp)      an object, or NULL (__GFP_ZERO: zeroed)
 *   kmem_cache_free(s, obj)
 *   kmem_cache_destroy(s)
 *
 * ctor, if given, runs once per object when its slab is created, not on
 * every allocation (the object is expected to be returned to the cache in
 * its constructed state).
 *
 * SLAB_TYPESAFE_BY_RCU: a freed object may be handed out again at once,
 * even to another user, but the memory stays an object of this cache
 * until an RCU grace period has passed: the slab's pages go back to the
 * page allocator only through call_rcu(). A reader under rcu_read_lock()
 * may therefore find an object that was freed and reused meanwhile, and
 * must revalidate it (take a reference with an inc-not-zero, then check
 * its identity) -- what the per-VMA lock's lookup does. The free pointer
 * lives outside the object for such caches (and caches with a ctor), so
 * freeing leaves the object's fields as they were.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

#define SLAB_HWCACHE_ALIGN	0x00002000U	/* align objects on cache lines */
#define SLAB_PANIC		0x00040000U	/* BUG if the cache cannot be created */
#define SLAB_TYPESAFE_BY_RCU	0x00080000U	/* defer freeing slabs to RCU */
#define SLAB_RECLAIM_ACCOUNT	0x00020000U	/* (accepted, no effect) */
#define SLAB_ACCOUNT		0x04000000U	/* (accepted, no effect) */

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *obj);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

/* slabs of the cache that hold pages (for tests: RCU-deferred frees) */
unsigned long kmem_cache_nr_slabs(struct kmem_cache *s);

#endif /* _LINUX_SLAB_H */
