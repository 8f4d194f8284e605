// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The vmalloc area (<linux/vmalloc.h>): a first-fit page bitmap over
 * [VMALLOC_START, VMALLOC_END) hands out VA ranges, each with a guard page
 * behind it; a fixed pool of struct vm_struct describes them (there is no
 * slab yet). The page tables down to the ptes exist from boot
 * (preallocate_vmalloc_pages()), so mapping and unmapping only write ptes.
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>

#define VMALLOC_PAGES	(VMALLOC_SIZE >> PAGE_SHIFT)
#define NR_VM_AREAS	64

static DEFINE_SPINLOCK(vmap_area_lock);
static unsigned long vmap_used[BITS_TO_LONGS(VMALLOC_PAGES)];
static struct vm_struct vm_areas[NR_VM_AREAS];	/* addr == NULL: unused */

bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	unsigned long nr, first, i, run = 0;
	struct vm_struct *area = NULL;

	size = PAGE_ALIGN(size);
	if (!size)
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	nr = size >> PAGE_SHIFT;

	spin_lock(&vmap_area_lock);
	for (i = 0; i < NR_VM_AREAS; i++) {
		if (!vm_areas[i].addr) {
			area = &vm_areas[i];
			break;
		}
	}
	if (!area)
		goto fail;
	for (first = i = 0; i < VMALLOC_PAGES; i++) {
		if (test_bit(i, vmap_used)) {
			run = 0;
			continue;
		}
		if (!run++)
			first = i;
		if (run == nr)
			break;
	}
	if (run != nr)
		goto fail;
	for (i = first; i < first + nr; i++)
		__set_bit(i, vmap_used);
	area->addr = (void *)(VMALLOC_START + (first << PAGE_SHIFT));
	area->size = size;
	area->flags = flags;
	area->nr_pages = 0;
	spin_unlock(&vmap_area_lock);
	return area;
fail:
	spin_unlock(&vmap_area_lock);
	pr_warn("vmap allocation for size %lu failed\n", size);
	return NULL;
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vm_struct *area = NULL;
	unsigned int i;

	spin_lock(&vmap_area_lock);
	for (i = 0; i < NR_VM_AREAS; i++) {
		if (vm_areas[i].addr && vm_areas[i].addr == addr) {
			area = &vm_areas[i];
			break;
		}
	}
	spin_unlock(&vmap_area_lock);
	return area;
}

void free_vm_area(struct vm_struct *area)
{
	unsigned long start = (unsigned long)area->addr, i, first;

	BUG_ON(!is_vmalloc_addr(area->addr));
	vunmap_range(start, start + get_vm_area_size(area));

	first = (start - VMALLOC_START) >> PAGE_SHIFT;
	spin_lock(&vmap_area_lock);
	for (i = first; i < first + (area->size >> PAGE_SHIFT); i++)
		__clear_bit(i, vmap_used);
	area->addr = NULL;
	spin_unlock(&vmap_area_lock);
}

static pte_t *vmalloc_pte(unsigned long addr)
{
	pte_t *ptep;

	BUG_ON(!is_vmalloc_addr((void *)addr));
	ptep = virt_to_kpte(addr);
	BUG_ON(!ptep);	/* preallocate_vmalloc_pages() made them all */
	return ptep;
}

int vmap_page_range(unsigned long addr, unsigned long end, phys_addr_t phys_addr, pgprot_t prot)
{
	BUG_ON((addr | end | phys_addr) & ~PAGE_MASK);
	for (; addr < end; addr += PAGE_SIZE, phys_addr += PAGE_SIZE) {
		pte_t *ptep = vmalloc_pte(addr);

		WARN_ON(!pte_none(ptep_get(ptep)));
		set_pte(ptep, pfn_pte(PHYS_PFN(phys_addr), prot));
	}
	return 0;
}

void vunmap_range_noflush(unsigned long start, unsigned long end)
{
	unsigned long addr;

	for (addr = start & PAGE_MASK; addr < end; addr += PAGE_SIZE)
		pte_clear(&init_mm, addr, vmalloc_pte(addr));
}

void vunmap_range(unsigned long addr, unsigned long end)
{
	vunmap_range_noflush(addr, end);
	flush_tlb_kernel_range(addr, end);
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	struct vm_struct *area = get_vm_area((unsigned long)count << PAGE_SHIFT, flags);
	unsigned long addr;
	unsigned int i;

	if (!area)
		return NULL;
	addr = (unsigned long)area->addr;
	for (i = 0; i < count; i++)
		vmap_page_range(addr + ((unsigned long)i << PAGE_SHIFT),
				addr + ((unsigned long)(i + 1) << PAGE_SHIFT),
				page_to_phys(pages[i]), prot);
	area->nr_pages = count;
	return area->addr;
}

void vunmap(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (WARN(!area, "trying to vunmap() nonexistent vm area (%p)\n", addr))
		return;
	free_vm_area(area);
}
