/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small vmalloc-like area (mm/vmalloc.c): [VMALLOC_START, VMALLOC_END)
 * in a PGD slot of its own (<asm/page.h> / <asm/memory.h>). Its pud, pmd
 * and pte tables are allocated at boot (preallocate_vmalloc_pages(), so
 * every CPU shares them), and its ptes start out empty: mappings are
 * installed at run time with 4 KiB pages, which is what the TLB scenarios
 * need (map a VA to page A, remap it to page B, ...).
 *
 *   get_vm_area(size, flags)    reserve size bytes (page multiple) of VA,
 *                               followed by an unmapped guard page unless
 *                               VM_NO_GUARD; -> struct vm_struct *, or NULL
 *   free_vm_area(area)          unmap (with TLB flush) and release
 *   vmap_page_range(addr, end, phys, prot)  install ptes for a physically
 *                               contiguous range (no TLB flush: the ptes
 *                               were empty)
 *   vunmap_range_noflush(addr, end)   clear ptes, no TLB maintenance
 *   vunmap_range(addr, end)           clear ptes + flush_tlb_kernel_range()
 *   vmap(pages, count, flags, prot) / vunmap(addr)
 *   virt_to_kpte(addr)          the pte of a 4 KiB-mapped kernel VA (any
 *                               kernel mapping, not just vmalloc), or NULL
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <asm/pgtable_types.h>

struct page;

#define VM_IOREMAP	0x00000001
#define VM_ALLOC	0x00000002
#define VM_MAP		0x00000004
#define VM_NO_GUARD	0x00000040

struct vm_struct {
	void *addr;
	unsigned long size;		/* including the guard page */
	unsigned long flags;
	unsigned int nr_pages;
};

static inline unsigned long get_vm_area_size(const struct vm_struct *area)
{
	if (!(area->flags & VM_NO_GUARD))
		return area->size - PAGE_SIZE;
	return area->size;
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
void free_vm_area(struct vm_struct *area);
struct vm_struct *find_vm_area(const void *addr);

int vmap_page_range(unsigned long addr, unsigned long end, phys_addr_t phys_addr, pgprot_t prot);
void vunmap_range_noflush(unsigned long start, unsigned long end);
void vunmap_range(unsigned long addr, unsigned long end);

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);

bool is_vmalloc_addr(const void *x);

pte_t *virt_to_kpte(unsigned long vaddr);

#endif /* _LINUX_VMALLOC_H */
