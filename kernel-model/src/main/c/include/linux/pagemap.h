/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The page cache (mm/filemap.c, mm/truncate.c), after Linux:
 *
 *   filemap_add_folio(mapping, folio, index, gfp)
 *        insert a folio (order 0 here) at index: the page cache takes its
 *        own references (folio_ref_add(nr)), the folio comes back locked;
 *        -EEXIST if the index is taken
 *   filemap_get_entry(mapping, index)
 *        lockless lookup under RCU: xas_load(), folio_try_get(), and the
 *        xas_reload() recheck that the folio is still at that index --
 *        returns a folio with a reference the caller drops (folio_put),
 *        a value entry, or NULL
 *   filemap_get_folio(mapping, index)       the folio or NULL
 *   filemap_remove_folio(folio)             out of the cache; drops the
 *                                           cache's references
 *   truncate_inode_pages_range(mapping, lstart, lend)
 *   truncate_inode_pages(mapping, lstart)   remove every folio wholly
 *                                           inside the byte range (lend
 *                                           inclusive, -1: to the end)
 *
 *   folio_lock / folio_trylock / folio_unlock   PG_locked, a sleeping lock
 *   struct folio_batch / folio_batch_release
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/wait_bit.h>

/* PG_locked: acquire on taking, release on dropping */
static inline bool folio_trylock(struct folio *folio)
{
	return likely(!test_and_set_bit_lock(PG_locked, &folio->flags));
}

void __folio_lock(struct folio *folio);

static inline void folio_lock(struct folio *folio)
{
	might_sleep();
	if (!folio_trylock(folio))
		__folio_lock(folio);
}

void folio_unlock(struct folio *folio);

#define FOLIO_BATCH_SIZE	15

struct folio_batch {
	unsigned char nr;
	struct folio *folios[FOLIO_BATCH_SIZE];
};

static inline void folio_batch_init(struct folio_batch *fbatch)
{
	fbatch->nr = 0;
}

static inline unsigned int folio_batch_count(const struct folio_batch *fbatch)
{
	return fbatch->nr;
}

static inline unsigned int folio_batch_space(const struct folio_batch *fbatch)
{
	return FOLIO_BATCH_SIZE - fbatch->nr;
}

static inline unsigned int folio_batch_add(struct folio_batch *fbatch, struct folio *folio)
{
	fbatch->folios[fbatch->nr++] = folio;
	return folio_batch_space(fbatch);
}

/* drop the batch's references */
static inline void folio_batch_release(struct folio_batch *fbatch)
{
	unsigned int i;

	for (i = 0; i < fbatch->nr; i++)
		folio_put(fbatch->folios[i]);
	fbatch->nr = 0;
}

int filemap_add_folio(struct address_space *mapping, struct folio *folio, pgoff_t index, gfp_t gfp);
void *filemap_get_entry(struct address_space *mapping, pgoff_t index);
extern const struct vm_operations_struct generic_file_vm_ops;	/* filemap_fault */
struct folio *filemap_get_folio(struct address_space *mapping, pgoff_t index);
void filemap_remove_folio(struct folio *folio);
void filemap_free_folio(struct address_space *mapping, struct folio *folio);
unsigned find_lock_entries(struct address_space *mapping, pgoff_t *start, pgoff_t end,
			   struct folio_batch *fbatch, pgoff_t *indices);
unsigned find_get_entries(struct address_space *mapping, pgoff_t *start, pgoff_t end,
			  struct folio_batch *fbatch, pgoff_t *indices);

void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend);
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);

#endif /* _LINUX_PAGEMAP_H */
