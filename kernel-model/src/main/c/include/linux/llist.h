/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Lock-less NULL-terminated singly linked lists (Linux's llist): any number
 * of producers llist_add() concurrently; one consumer takes the whole list
 * with llist_del_all() (newest entry first; llist_reverse_order() restores
 * the order of addition). Both are fully ordered atomics (cmpxchg / xchg),
 * which is what the call-function IPI queue relies on: the producer's
 * stores to the entry are visible before the entry is, and the consumer
 * reads the entries only after taking them.
 */
#ifndef _LINUX_LLIST_H
#define _LINUX_LLIST_H

#include <linux/kernel.h>
#include <linux/atomic.h>

struct llist_node {
	struct llist_node *next;
};

struct llist_head {
	struct llist_node *first;
};

#define LLIST_HEAD_INIT(name)	{ NULL }
#define LLIST_HEAD(name)	struct llist_head name = LLIST_HEAD_INIT(name)

static inline void init_llist_head(struct llist_head *list)
{
	WRITE_ONCE(list->first, NULL);
}

static inline bool llist_empty(const struct llist_head *head)
{
	return READ_ONCE(head->first) == NULL;
}

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)

/* iterate from node on; safe against the body freeing or reusing pos */
#define llist_for_each_entry_safe(pos, n, node, member)				\
	for ((pos) = ((node) ? llist_entry((node), __typeof__(*(pos)), member) : NULL); \
	     (pos) && ((n) = ((pos)->member.next ?				\
			      llist_entry((pos)->member.next, __typeof__(*(pos)), member) : NULL), 1); \
	     (pos) = (n))

/* add the chain new_first..new_last; true if the list was empty before */
static inline bool llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
				   struct llist_head *head)
{
	struct llist_node *first = READ_ONCE(head->first);

	do {
		new_last->next = first;
	} while (!try_cmpxchg(&head->first, &first, new_first));

	return !first;
}

static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	return llist_add_batch(new, new, head);
}

static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return xchg(&head->first, NULL);
}

static inline struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *new_head = NULL;

	while (head) {
		struct llist_node *tmp = head;

		head = head->next;
		tmp->next = new_head;
		new_head = tmp;
	}
	return new_head;
}

#endif /* _LINUX_LLIST_H */
