/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The XArray (lib/xarray.c): a radix tree of 64-slot nodes mapping an
 * unsigned long index to a pointer, as in Linux.
 *
 * Readers walk it under rcu_read_lock() without locks: nodes are
 * published with rcu_assign_pointer() after they are filled, and freed
 * through call_rcu(), so a reader never follows a pointer into freed
 * memory, though it may read a slot of a node that has just been removed
 * from the tree (whose entries are then stale: page-cache lookups recheck
 * with xas_reload()). Writers hold xa_lock (interrupts masked).
 *
 * Entries: pointers (4-byte aligned), value entries xa_mk_value(v) (bit 0
 * set), and internal entries (bits 1..0 == 10): node pointers and
 * XA_RETRY_ENTRY, which a shrinking tree leaves in the slot a reader may
 * still be looking at ("look again from the top"). Multi-index entries and
 * marks are not implemented.
 *
 *   xa_load(xa, index)              under RCU inside
 *   xa_store(xa, index, entry, gfp) -> the old entry (or xa_err())
 *   xa_erase(xa, index)             -> the old entry
 *   XA_STATE(xas, xa, index); xas_load / xas_reload / xas_retry /
 *   xas_reset / xas_store / xas_find / xas_set, xas_lock_irq / _unlock
 */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

#define XA_CHUNK_SHIFT		6
#define XA_CHUNK_SIZE		(1UL << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK		(XA_CHUNK_SIZE - 1)

struct xarray {
	spinlock_t xa_lock;
	gfp_t xa_flags;
	void __rcu *xa_head;
};

#define XARRAY_INIT(name, flags) {					\
	.xa_lock = __SPIN_LOCK_UNLOCKED(name.xa_lock),			\
	.xa_flags = flags,						\
	.xa_head = NULL,						\
}
#define DEFINE_XARRAY(name)	struct xarray name = XARRAY_INIT(name, 0)

static inline void xa_init(struct xarray *xa)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_flags = 0;
	xa->xa_head = NULL;
}

struct xa_node {
	unsigned char shift;		/* bits of the index below this node */
	unsigned char offset;		/* slot in the parent */
	unsigned char count;		/* non-NULL slots */
	unsigned char nr_values;	/* value entries */
	struct xa_node __rcu *parent;	/* NULL at the top */
	struct xarray *array;		/* the tree it belongs to (XA_RCU_FREE: freed) */
	union {
		struct list_head private_list;
		struct rcu_head rcu_head;	/* freeing */
	};
	void __rcu *slots[XA_CHUNK_SIZE];
};

/* entries */
static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}

static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

#define XA_RETRY_ENTRY		xa_mk_internal(256)
#define XA_ZERO_ENTRY		xa_mk_internal(257)

static inline bool xa_is_zero(const void *entry)
{
	return entry == XA_ZERO_ENTRY;
}

static inline bool xa_is_retry(const void *entry)
{
	return entry == XA_RETRY_ENTRY;
}

static inline bool xa_is_node(const void *entry)
{
	return xa_is_internal(entry) && (unsigned long)entry > 4096;
}

static inline struct xa_node *xa_to_node(const void *entry)
{
	return (struct xa_node *)((unsigned long)entry - 2);
}

static inline void *xa_mk_node(const struct xa_node *node)
{
	return (void *)((unsigned long)node | 2);
}

/* errors from xa_store(): internal entries -1 .. -MAX_ERRNO */
static inline bool xa_is_err(const void *entry)
{
	return unlikely(xa_is_internal(entry) && entry >= xa_mk_internal(-4095));
}

static inline int xa_err(void *entry)
{
	if (xa_is_err(entry))
		return (long)entry >> 2;
	return 0;
}

/* the operation state: where in the tree, and what went wrong */
struct xa_state {
	struct xarray *xa;
	unsigned long xa_index;
	unsigned char xa_shift;
	unsigned char xa_sibs;
	unsigned char xa_offset;
	unsigned char xa_pad;
	struct xa_node *xa_node;	/* NULL: the head; or one of XAS_* below */
	struct xa_node *xa_alloc;
};

#define XAS_BOUNDS	((struct xa_node *)1UL)	/* the index is beyond the tree */
#define XAS_RESTART	((struct xa_node *)3UL)	/* walk from the top again */
#define XA_ERROR(errno)	((struct xa_node *)(((unsigned long)(errno) << 2) | 2UL))

#define __XA_STATE(array, index) {					\
	.xa = array, .xa_index = index, .xa_shift = 0, .xa_sibs = 0,	\
	.xa_offset = 0, .xa_pad = 0, .xa_node = XAS_RESTART, .xa_alloc = NULL,	\
}
#define XA_STATE(name, array, index)	struct xa_state name = __XA_STATE(array, index)

static inline bool xas_invalid(const struct xa_state *xas)
{
	return (unsigned long)xas->xa_node & 3;
}

static inline bool xas_valid(const struct xa_state *xas)
{
	return !xas_invalid(xas);
}

static inline int xas_error(const struct xa_state *xas)
{
	return xa_err(xas->xa_node);
}

static inline void xas_set_err(struct xa_state *xas, long err)
{
	xas->xa_node = XA_ERROR(err);
}

static inline void xas_reset(struct xa_state *xas)
{
	xas->xa_node = XAS_RESTART;
}

static inline void xas_set(struct xa_state *xas, unsigned long index)
{
	xas->xa_index = index;
	xas->xa_node = XAS_RESTART;
}

/* an entry a reader must not use: walk again from the top */
static inline bool xas_retry(struct xa_state *xas, const void *entry)
{
	if (xa_is_zero(entry))
		return true;
	if (!xa_is_retry(entry))
		return false;
	xas_reset(xas);
	return true;
}

static inline void *xa_head(const struct xarray *xa)
{
	return rcu_dereference(xa->xa_head);
}

static inline void *xa_entry(const struct xarray *xa, const struct xa_node *node, unsigned int offset)
{
	(void)xa;
	return rcu_dereference(node->slots[offset]);
}

/*
 * The slot xas_load() last looked at, read again: whether what the caller
 * found (and maybe took a reference on) is still there.
 */
static inline void *xas_reload(struct xa_state *xas)
{
	struct xa_node *node = xas->xa_node;

	if (!node)
		return xa_head(xas->xa);
	return xa_entry(xas->xa, node, xas->xa_offset);
}

#define xas_lock_irq(xas)	spin_lock_irq(&(xas)->xa->xa_lock)
#define xas_unlock_irq(xas)	spin_unlock_irq(&(xas)->xa->xa_lock)
#define xa_lock_irq(xa)		spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa)	spin_unlock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave(xa, flags)	spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags)	spin_unlock_irqrestore(&(xa)->xa_lock, flags)

void *xas_load(struct xa_state *xas);
void *xas_store(struct xa_state *xas, void *entry);
void *xas_find(struct xa_state *xas, unsigned long max);
void *xa_load(struct xarray *xa, unsigned long index);
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *__xa_erase(struct xarray *xa, unsigned long index);
void *xa_erase(struct xarray *xa, unsigned long index);
bool xa_empty(const struct xarray *xa);
void radix_tree_init(void);
/* nodes allocated and not yet freed (for tests) */
unsigned long xa_nodes_in_use(void);

#endif /* _LINUX_XARRAY_H */
