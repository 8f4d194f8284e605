/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ownership annotations for the emulator's oracles and GUI (HC_PAGE_STATE,
 * MMULAB_OWNER_* in <mmulab/hypercall.h>). Who reports what:
 *
 *   mem_init()            pfn 0 and the kernel image KERNEL, the rest of
 *                         memory FREE (except what memblock handed out)
 *   early_pgtable_alloc() each boot page-table page PAGE_TABLE
 *   vmemmap_populate()    the memmap backing VMEMMAP
 *   mem_init()            the static root tables (init_mm.pgd, arm64
 *                         reserved_pg_dir) PAGE_TABLE
 *   alloc_pages()         ANON;  freeing: FREE
 *   alloc_fresh_hugetlb_folio()  the folio's pages HUGETLB
 *   hugetlb_vmemmap_restore_folio()  the frames it maps in VMEMMAP (HVO
 *                         frees vmemmap frames to the allocator: FREE)
 */
#ifndef _MMULAB_PAGE_STATE_H
#define _MMULAB_PAGE_STATE_H

#include <mmulab/hypercall.h>

static inline void mmulab_page_state(unsigned long pfn, unsigned long nr_pages,
				     unsigned long owner)
{
	if (nr_pages)
		mmulab_hypercall(HC_PAGE_STATE, pfn, nr_pages, owner, 0);
}

#endif /* _MMULAB_PAGE_STATE_H */
