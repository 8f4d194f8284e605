// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The XArray (<linux/xarray.h>), after Linux's lib/xarray.c: single-index
 * entries, no marks. Nodes come from the radix_tree_node slab cache and go
 * back through call_rcu(); every pointer a reader can follow is published
 * with rcu_assign_pointer() once what it points to is complete.
 */
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#define XA_RCU_FREE	((struct xarray *)1)

static struct kmem_cache *radix_tree_node_cachep;
static atomic_long_t xa_nodes;

void radix_tree_init(void)
{
	radix_tree_node_cachep = kmem_cache_create("radix_tree_node", sizeof(struct xa_node), 0,
						   SLAB_PANIC | SLAB_RECLAIM_ACCOUNT, NULL);
}

unsigned long xa_nodes_in_use(void)
{
	return atomic_long_read(&xa_nodes);
}

static inline unsigned int get_offset(unsigned long index, const struct xa_node *node)
{
	return (index >> node->shift) & XA_CHUNK_MASK;
}

/* the largest index the subtree under entry covers */
static unsigned long max_index(const void *entry)
{
	const struct xa_node *node;

	if (!xa_is_node(entry))
		return 0;
	node = xa_to_node(entry);
	if (node->shift + XA_CHUNK_SHIFT >= BITS_PER_LONG)
		return ULONG_MAX;
	return (XA_CHUNK_SIZE << node->shift) - 1;
}

static void *set_bounds(struct xa_state *xas)
{
	xas->xa_node = XAS_BOUNDS;
	return NULL;
}

/* where a walk starts: the head, unless the index is outside the tree */
static void *xas_start(struct xa_state *xas)
{
	void *entry;

	if (xas_valid(xas))
		return xas_reload(xas);
	if (xas_error(xas))
		return NULL;

	entry = xa_head(xas->xa);
	if (!xa_is_node(entry)) {
		if (xas->xa_index)
			return set_bounds(xas);
	} else if (xas->xa_index > max_index(entry)) {
		return set_bounds(xas);
	}
	xas->xa_node = NULL;
	return entry;
}

static void *xas_descend(struct xa_state *xas, struct xa_node *node)
{
	unsigned int offset = get_offset(xas->xa_index, node);
	void *entry = xa_entry(xas->xa, node, offset);

	xas->xa_node = node;
	xas->xa_offset = offset;
	return entry;
}

/*
 * Walk to the slot of xas->xa_index and return its entry (NULL if none);
 * xas then remembers the node and offset for xas_reload()/xas_store().
 * Under rcu_read_lock() or xa_lock. May return XA_RETRY_ENTRY: the caller
 * checks xas_retry().
 */
void *xas_load(struct xa_state *xas)
{
	void *entry = xas_start(xas);

	while (xa_is_node(entry)) {
		struct xa_node *node = xa_to_node(entry);

		if (xas->xa_shift > node->shift)
			break;
		entry = xas_descend(xas, node);
		if (node->shift == 0)
			break;
	}
	return entry;
}

static struct xa_node *xas_alloc(struct xa_state *xas, unsigned int shift)
{
	struct xa_node *parent = xas->xa_node;
	struct xa_node *node;

	/* under xa_lock: the allocator never sleeps here */
	node = kmem_cache_alloc(radix_tree_node_cachep, GFP_ATOMIC | __GFP_ZERO);
	if (!node) {
		xas_set_err(xas, -ENOMEM);
		return NULL;
	}
	atomic_long_inc(&xa_nodes);
	if (parent && !xas_invalid(xas)) {
		node->offset = xas->xa_offset;
		parent->count++;
	}
	node->shift = shift;
	node->count = 0;
	node->nr_values = 0;
	RCU_INIT_POINTER(node->parent, xas_invalid(xas) ? NULL : xas->xa_node);
	node->array = xas->xa;
	return node;
}

static void radix_tree_node_rcu_free(struct rcu_head *head)
{
	struct xa_node *node = container_of(head, struct xa_node, rcu_head);

	atomic_long_dec(&xa_nodes);
	kmem_cache_free(radix_tree_node_cachep, node);
}

/* off the tree; readers may still be looking at it until a grace period */
static void xa_node_free(struct xa_node *node)
{
	node->array = XA_RCU_FREE;
	call_rcu(&node->rcu_head, radix_tree_node_rcu_free);
}

/* grow the tree at the top until it covers xas->xa_index; returns the top shift */
static int xas_expand(struct xa_state *xas, void *head)
{
	struct xarray *xa = xas->xa;
	struct xa_node *node = NULL;
	unsigned int shift = 0;
	unsigned long max = xas->xa_index;

	if (!head) {
		if (max == 0)
			return 0;
		while ((max >> shift) >= XA_CHUNK_SIZE)
			shift += XA_CHUNK_SHIFT;
		return shift + XA_CHUNK_SHIFT;
	} else if (xa_is_node(head)) {
		node = xa_to_node(head);
		shift = node->shift + XA_CHUNK_SHIFT;
	}
	xas->xa_node = NULL;

	while (max > max_index(head)) {
		node = xas_alloc(xas, shift);
		if (!node)
			return -ENOMEM;
		node->count = 1;
		if (xa_is_value(head))
			node->nr_values = 1;
		RCU_INIT_POINTER(node->slots[0], head);
		if (xa_is_node(head)) {
			xa_to_node(head)->offset = 0;
			rcu_assign_pointer(xa_to_node(head)->parent, node);
		}
		head = xa_mk_node(node);
		/* the new top is complete before readers can find it */
		rcu_assign_pointer(xa->xa_head, head);
		shift += XA_CHUNK_SHIFT;
	}
	xas->xa_node = node;
	return shift;
}

/*
 * Make the slot for xas->xa_index exist (allocating nodes on the way
 * down) and return its current entry; xas points at it after.
 */
static void *xas_create(struct xa_state *xas)
{
	struct xarray *xa = xas->xa;
	void __rcu **slot;
	void *entry;
	struct xa_node *node;
	int shift;

	entry = rcu_dereference_protected(xa->xa_head, 1);
	xas->xa_node = NULL;
	shift = xas_expand(xas, entry);
	if (shift < 0)
		return NULL;
	entry = rcu_dereference_protected(xa->xa_head, 1);
	slot = &xa->xa_head;
	xas->xa_node = NULL;

	while (shift > 0) {
		shift -= XA_CHUNK_SHIFT;
		if (!entry) {
			node = xas_alloc(xas, shift);
			if (!node)
				return NULL;
			rcu_assign_pointer(*slot, xa_mk_node(node));
		} else if (xa_is_node(entry)) {
			node = xa_to_node(entry);
		} else {
			break;
		}
		entry = xas_descend(xas, node);
		slot = &node->slots[xas->xa_offset];
	}
	return entry;
}

/* the top node has one child at slot 0: make the child the top */
static void xas_shrink(struct xa_state *xas)
{
	struct xarray *xa = xas->xa;
	struct xa_node *node = xas->xa_node;

	for (;;) {
		void *entry;

		if (node->count != 1)
			break;
		entry = rcu_dereference_protected(node->slots[0], 1);
		if (!entry)
			break;
		if (!xa_is_node(entry) && node->shift)
			break;
		xas->xa_node = XAS_BOUNDS;

		RCU_INIT_POINTER(xa->xa_head, entry);
		node->count = 0;
		node->nr_values = 0;
		/* a reader still in this node must not take slot 0 for index 0's entry */
		if (!xa_is_node(entry))
			RCU_INIT_POINTER(node->slots[0], XA_RETRY_ENTRY);
		xa_node_free(node);
		if (!xa_is_node(entry))
			break;
		node = xa_to_node(entry);
		RCU_INIT_POINTER(node->parent, NULL);
	}
}

/* nodes left empty are freed bottom-up; then the top may shrink */
static void xas_delete_node(struct xa_state *xas)
{
	struct xa_node *node = xas->xa_node;

	for (;;) {
		struct xa_node *parent;

		if (node->count)
			break;
		parent = rcu_dereference_protected(node->parent, 1);
		xas->xa_node = parent;
		xas->xa_offset = node->offset;
		xa_node_free(node);

		if (!parent) {
			RCU_INIT_POINTER(xas->xa->xa_head, NULL);
			xas->xa_node = XAS_BOUNDS;
			return;
		}
		RCU_INIT_POINTER(parent->slots[xas->xa_offset], NULL);
		parent->count--;
		node = parent;
	}
	if (!node->parent)
		xas_shrink(xas);
}

/*
 * Store entry (NULL erases) at xas->xa_index; returns the old entry.
 * xa_lock held. On -ENOMEM, xas_error() says so.
 */
void *xas_store(struct xa_state *xas, void *entry)
{
	struct xa_node *node;
	void __rcu **slot;
	void *first;
	int count, values;

	if (entry) {
		first = xas_create(xas);
		if (xas_error(xas))
			return NULL;
	} else {
		first = xas_load(xas);
		if (xas_invalid(xas))
			return first;
	}
	node = xas->xa_node;
	slot = node ? &node->slots[xas->xa_offset] : &xas->xa->xa_head;
	if (first == entry)
		return first;

	/* a pointer entry is published after whatever the caller filled in */
	rcu_assign_pointer(*slot, entry);
	if (!node)
		return first;

	count = !!entry - !!first;
	values = xa_is_value(entry) - xa_is_value(first);
	node->count += count;
	node->nr_values += values;
	if (count < 0) {
		if (!node->count)
			xas_delete_node(xas);
		else if (!node->parent)
			xas_shrink(xas);
	}
	return first;
}

/*
 * The first entry at an index in [xas->xa_index, max], or NULL; xas then
 * points at it (xa_index updated). Under RCU or xa_lock.
 */
void *xas_find(struct xa_state *xas, unsigned long max)
{
	unsigned long index = xas->xa_index;
	struct xa_node *node;
	void *entry;

	if (index > max)
		return NULL;
	entry = xa_head(xas->xa);
	if (!xa_is_node(entry)) {
		if (index == 0 && entry && !xa_is_internal(entry)) {
			xas->xa_node = NULL;
			return entry;
		}
		return set_bounds(xas);
	}
	if (index > max_index(entry))
		return set_bounds(xas);
	node = xa_to_node(entry);

	for (;;) {
		unsigned long span = max_index(xa_mk_node(node));	/* node range - 1 */
		unsigned long base = index & ~span;
		unsigned int offset = get_offset(index, node);

		for (; offset < XA_CHUNK_SIZE; offset++) {
			entry = xa_entry(xas->xa, node, offset);
			if (entry && !xa_is_retry(entry) && !xa_is_zero(entry))
				break;
		}
		if (offset == XA_CHUNK_SIZE) {
			struct xa_node *parent = rcu_dereference(node->parent);

			/* next: the start of the range after this node's */
			if (!parent || span == ULONG_MAX || base + span + 1 == 0 || base + span + 1 > max)
				return set_bounds(xas);
			index = base + span + 1;
			node = parent;
			continue;
		}
		if (((unsigned long)offset << node->shift) + base > index)
			index = base + ((unsigned long)offset << node->shift);
		if (index > max)
			return set_bounds(xas);
		if (xa_is_node(entry)) {
			node = xa_to_node(entry);
			continue;
		}
		xas->xa_node = node;
		xas->xa_offset = offset;
		xas->xa_index = index;
		return entry;
	}
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	XA_STATE(xas, xa, index);
	void *entry;

	rcu_read_lock();
	do {
		entry = xas_load(&xas);
		if (xa_is_zero(entry))
			entry = NULL;
	} while (xas_retry(&xas, entry));
	rcu_read_unlock();
	return entry;
}

void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	XA_STATE(xas, xa, index);
	void *curr;

	(void)gfp;
	if (WARN_ON_ONCE(xa_is_internal(entry)))
		return xa_mk_internal(-EINVAL);
	curr = xas_store(&xas, entry);
	if (xas_error(&xas))
		return xa_mk_internal(xas_error(&xas));
	return curr;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	unsigned long flags;
	void *curr;

	xa_lock_irqsave(xa, flags);
	curr = __xa_store(xa, index, entry, gfp);
	xa_unlock_irqrestore(xa, flags);
	return curr;
}

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	XA_STATE(xas, xa, index);

	return xas_store(&xas, NULL);
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	unsigned long flags;
	void *entry;

	xa_lock_irqsave(xa, flags);
	entry = __xa_erase(xa, index);
	xa_unlock_irqrestore(xa, flags);
	return entry;
}

bool xa_empty(const struct xarray *xa)
{
	return READ_ONCE(xa->xa_head) == NULL;
}
