// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Truncating the page cache (<linux/pagemap.h>), after Linux's
 * mm/truncate.c: a first pass takes the folios nobody else has locked
 * (find_lock_entries) and removes them; a second pass waits for the
 * locked ones (folio_lock) and removes those still there. Removing a
 * folio drops the page cache's references; whoever holds the last one
 * (the truncation, or a lookup that got in before) frees it.
 * Only whole pages are removed (no partial-page zeroing).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pagemap.h>

/* the folio is locked */
static void truncate_inode_folio(struct address_space *mapping, struct folio *folio)
{
	if (folio->mapping != mapping)
		return;		/* truncated meanwhile */
	filemap_remove_folio(folio);
}

void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend)
{
	pgoff_t indices[FOLIO_BATCH_SIZE];
	struct folio_batch fbatch;
	pgoff_t start, end, index;
	unsigned int i;

	if (READ_ONCE(mapping->nrpages) == 0)
		return;
	/* whole pages in [lstart, lend]: end is the last one (inclusive) */
	start = (lstart + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (lend == -1)
		end = ULONG_MAX;
	else if (((lend + 1) >> PAGE_SHIFT) == 0)
		return;
	else
		end = ((lend + 1) >> PAGE_SHIFT) - 1;
	if (start > end)
		return;

	folio_batch_init(&fbatch);
	index = start;
	while (index <= end && find_lock_entries(mapping, &index, end, &fbatch, indices)) {
		for (i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];

			truncate_inode_folio(mapping, folio);
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
		if (index == 0)
			break;		/* wrapped past ULONG_MAX */
	}

	index = start;
	for (;;) {
		if (!find_get_entries(mapping, &index, end, &fbatch, indices))
			break;
		for (i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];

			folio_lock(folio);
			truncate_inode_folio(mapping, folio);
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
		if (index == 0 || index > end)
			break;
	}
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	truncate_inode_pages_range(mapping, lstart, (loff_t)-1);
}
