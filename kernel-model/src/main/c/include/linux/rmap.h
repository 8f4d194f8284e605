/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reverse-map accounting: how many page-table entries map a folio. Linux
 * also links folios to the VMAs that map them (anon_vma, i_mmap); nothing
 * here walks back from a folio, so only the counts are kept, which is what
 * khugepaged's "no references beyond the mappings" test and GUP's pin
 * checks read:
 *
 *   small folio   page->_mapcount + 1 PTEs map it (-1: unmapped)
 *   large folio   _entire_mapcount + 1 PMDs map it whole,
 *                 _large_mapcount + 1 mappings in all (PMD and PTE)
 *
 * Callers hold the page-table lock of the entry they change.
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/mm.h>

static inline int folio_mapcount(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return atomic_read(&folio->_mapcount) + 1;
	return atomic_read(&folio->_large_mapcount) + 1;
}

static inline int folio_entire_mapcount(const struct folio *folio)
{
	return atomic_read(&folio->_entire_mapcount) + 1;
}

static inline bool folio_mapped(const struct folio *folio)
{
	return folio_mapcount(folio) > 0;
}

/* one PTE now maps page (of folio) */
static inline void folio_add_rmap_pte(struct folio *folio, struct page *page)
{
	if (!folio_test_large(folio)) {
		atomic_inc(&page->_mapcount);
		return;
	}
	atomic_inc(&page->_mapcount);
	atomic_inc(&folio->_nr_pages_mapped);
	atomic_inc(&folio->_large_mapcount);
}

static inline void folio_remove_rmap_pte(struct folio *folio, struct page *page)
{
	if (!folio_test_large(folio)) {
		atomic_dec(&page->_mapcount);
		return;
	}
	atomic_dec(&page->_mapcount);
	atomic_dec(&folio->_nr_pages_mapped);
	atomic_dec(&folio->_large_mapcount);
}

/* one PMD now maps the whole (PMD-sized) folio */
static inline void folio_add_rmap_pmd(struct folio *folio)
{
	atomic_inc(&folio->_entire_mapcount);
	atomic_inc(&folio->_large_mapcount);
}

static inline void folio_remove_rmap_pmd(struct folio *folio)
{
	atomic_dec(&folio->_entire_mapcount);
	atomic_dec(&folio->_large_mapcount);
}

/* a new anonymous folio, not yet visible to anyone: plain stores suffice */
static inline void folio_add_new_anon_rmap_pte(struct folio *folio, struct page *page)
{
	atomic_set(&page->_mapcount, 0);
}

static inline void folio_add_new_anon_rmap_pmd(struct folio *folio)
{
	atomic_set(&folio->_entire_mapcount, 0);
	atomic_set(&folio->_large_mapcount, 0);
}

#endif /* _LINUX_RMAP_H */
