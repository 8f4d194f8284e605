/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An RCU-safe range tree in the spirit of Linux's maple tree, sized for a
 * scenario's address spaces: one node of up to MAPLE_RANGE64_SLOTS
 * non-overlapping [first, last] ranges, sorted, each with an entry.
 *
 * Writers (serialised by the owner's lock: mmap_lock for mm->mm_mt, plus
 * mt->ma_lock) never change a node that readers may see: they build a new
 * node and publish it with rcu_assign_pointer(), and the old one is freed
 * after a grace period (call_rcu). So a reader under rcu_read_lock() sees
 * either the tree before or after a store, never a half-written node:
 *
 *   CPU 0 (reader)                   CPU 1 (writer, mmap write lock)
 *   rcu_read_lock()
 *   node = rcu_dereference(root)     new = copy of node, range removed
 *                                    rcu_assign_pointer(root, new)
 *   entry = node's slot (old view)   call_rcu(node)  <- waits for CPU 0
 *   rcu_read_unlock()
 *
 * That is what lock_vma_under_rcu() relies on; the entry it finds may
 * already be detached, which the per-VMA lock rechecks.
 *
 *   mtree_load(mt, index)          the entry whose range holds index
 *   mt_find(mt, &index, max)       the first entry ending at or after
 *                                  index and starting at or before max;
 *                                  index moves past it
 *   mtree_store_range(mt, f, l, e) insert [f, l] (free space only)
 *   mtree_erase(mt, index)         remove the range holding index
 */
#ifndef _LINUX_MAPLE_TREE_H
#define _LINUX_MAPLE_TREE_H

#include <linux/types.h>
#include <linux/spinlock_types.h>

#define MAPLE_RANGE64_SLOTS	16

struct maple_node {
	unsigned int count;
	unsigned long first[MAPLE_RANGE64_SLOTS];
	unsigned long last[MAPLE_RANGE64_SLOTS];
	void *slot[MAPLE_RANGE64_SLOTS];
	struct rcu_head rcu;
};

struct maple_tree {
	spinlock_t ma_lock;
	struct maple_node *ma_root;	/* NULL: empty; published with release */
};

#define MTREE_INIT(name)	{ .ma_lock = __SPIN_LOCK_UNLOCKED((name).ma_lock), .ma_root = NULL }

void maple_tree_init(void);		/* boot: the node cache */
void mt_init(struct maple_tree *mt);
void *mtree_load(struct maple_tree *mt, unsigned long index);
void *mt_find(struct maple_tree *mt, unsigned long *index, unsigned long max);
int mtree_store_range(struct maple_tree *mt, unsigned long first, unsigned long last, void *entry);
void *mtree_erase(struct maple_tree *mt, unsigned long index);
void mtree_destroy(struct maple_tree *mt);
unsigned int mtree_count(struct maple_tree *mt);

#endif /* _LINUX_MAPLE_TREE_H */
