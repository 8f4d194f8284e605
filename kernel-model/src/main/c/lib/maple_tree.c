// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The range tree of <linux/maple_tree.h>: copy-on-write nodes published
 * with rcu_assign_pointer() and freed through call_rcu(), so lookups need
 * only rcu_read_lock().
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/maple_tree.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

static struct kmem_cache *maple_node_cache;

void __init maple_tree_init(void)
{
	maple_node_cache = kmem_cache_create("maple_node", sizeof(struct maple_node),
					     0, SLAB_PANIC, NULL);
}

static struct kmem_cache *node_cache(void)
{
	return maple_node_cache;
}

void mt_init(struct maple_tree *mt)
{
	spin_lock_init(&mt->ma_lock);
	mt->ma_root = NULL;
}

static void mt_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(maple_node_cache, container_of(head, struct maple_node, rcu));
}

static void mt_free_node(struct maple_node *node)
{
	if (node)
		call_rcu(&node->rcu, mt_free_rcu);
}

/* the slot holding index, or -1 (reads fields once: the node is immutable) */
static int node_slot_of(const struct maple_node *node, unsigned long index)
{
	unsigned int i, n = READ_ONCE(node->count);

	for (i = 0; i < n && i < MAPLE_RANGE64_SLOTS; i++) {
		if (index < READ_ONCE(node->first[i]))
			return -1;
		if (index <= READ_ONCE(node->last[i]))
			return i;
	}
	return -1;
}

void *mtree_load(struct maple_tree *mt, unsigned long index)
{
	struct maple_node *node;
	void *entry = NULL;
	int i;

	rcu_read_lock();
	node = rcu_dereference(mt->ma_root);
	if (node) {
		i = node_slot_of(node, index);
		if (i >= 0)
			entry = READ_ONCE(node->slot[i]);
	}
	rcu_read_unlock();
	return entry;
}

void *mt_find(struct maple_tree *mt, unsigned long *index, unsigned long max)
{
	struct maple_node *node;
	void *entry = NULL;
	unsigned int i, n;

	rcu_read_lock();
	node = rcu_dereference(mt->ma_root);
	if (node) {
		n = READ_ONCE(node->count);
		for (i = 0; i < n && i < MAPLE_RANGE64_SLOTS; i++) {
			unsigned long first = READ_ONCE(node->first[i]);
			unsigned long last = READ_ONCE(node->last[i]);

			if (last < *index)
				continue;
			if (first > max)
				break;
			entry = READ_ONCE(node->slot[i]);
			*index = last + 1;
			break;
		}
	}
	rcu_read_unlock();
	return entry;
}

static struct maple_node *node_copy(const struct maple_node *old)
{
	struct maple_node *node = kmem_cache_zalloc(node_cache(), GFP_KERNEL);

	BUG_ON(!node);
	if (old) {
		node->count = old->count;
		memcpy(node->first, old->first, sizeof(node->first));
		memcpy(node->last, old->last, sizeof(node->last));
		memcpy(node->slot, old->slot, sizeof(node->slot));
	}
	return node;
}

int mtree_store_range(struct maple_tree *mt, unsigned long first, unsigned long last, void *entry)
{
	struct maple_node *old, *node;
	unsigned int i, pos;

	if (first > last || !entry)
		return -EINVAL;
	spin_lock(&mt->ma_lock);
	old = mt->ma_root;
	if (old && old->count == MAPLE_RANGE64_SLOTS) {
		spin_unlock(&mt->ma_lock);
		return -ENOMEM;
	}
	for (pos = 0; old && pos < old->count; pos++) {
		if (old->last[pos] < first)
			continue;
		if (old->first[pos] <= last) {	/* overlaps: only free space is stored */
			spin_unlock(&mt->ma_lock);
			return -EEXIST;
		}
		break;
	}
	node = node_copy(old);
	for (i = node->count; i > pos; i--) {
		node->first[i] = node->first[i - 1];
		node->last[i] = node->last[i - 1];
		node->slot[i] = node->slot[i - 1];
	}
	node->first[pos] = first;
	node->last[pos] = last;
	node->slot[pos] = entry;
	node->count++;
	rcu_assign_pointer(mt->ma_root, node);
	spin_unlock(&mt->ma_lock);
	mt_free_node(old);
	return 0;
}

void *mtree_erase(struct maple_tree *mt, unsigned long index)
{
	struct maple_node *old, *node;
	void *entry;
	int i;

	spin_lock(&mt->ma_lock);
	old = mt->ma_root;
	i = old ? node_slot_of(old, index) : -1;
	if (i < 0) {
		spin_unlock(&mt->ma_lock);
		return NULL;
	}
	entry = old->slot[i];
	node = node_copy(old);
	for (; i + 1 < (int)node->count; i++) {
		node->first[i] = node->first[i + 1];
		node->last[i] = node->last[i + 1];
		node->slot[i] = node->slot[i + 1];
	}
	node->count--;
	node->first[node->count] = node->last[node->count] = 0;
	node->slot[node->count] = NULL;
	rcu_assign_pointer(mt->ma_root, node);
	spin_unlock(&mt->ma_lock);
	mt_free_node(old);
	return entry;
}

void mtree_destroy(struct maple_tree *mt)
{
	struct maple_node *old;

	spin_lock(&mt->ma_lock);
	old = mt->ma_root;
	rcu_assign_pointer(mt->ma_root, NULL);
	spin_unlock(&mt->ma_lock);
	mt_free_node(old);
}

unsigned int mtree_count(struct maple_tree *mt)
{
	struct maple_node *node;
	unsigned int n = 0;

	rcu_read_lock();
	node = rcu_dereference(mt->ma_root);
	if (node)
		n = READ_ONCE(node->count);
	rcu_read_unlock();
	return n;
}
