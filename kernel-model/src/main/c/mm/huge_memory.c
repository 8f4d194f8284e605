// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Transparent huge pages, after Linux's mm/huge_memory.c: an anonymous
 * VM_HUGEPAGE VMA gets a PMD-sized (2 MiB) folio mapped by one huge pmd at
 * its first fault in an aligned, fully covered 2 MiB range; khugepaged
 * (mm/khugepaged.c) collapses ranges that were faulted in with small pages.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/spinlock.h>

/* may vma map a huge page at haddr? */
bool thp_vma_suitable(struct vm_area_struct *vma, unsigned long haddr)
{
	if (!(vma->vm_flags & VM_HUGEPAGE) || (vma->vm_flags & VM_NOHUGEPAGE))
		return false;
	return haddr >= vma->vm_start && haddr + HPAGE_PMD_SIZE <= vma->vm_end;
}

vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	struct folio *folio;

	folio = folio_alloc(GFP_KERNEL | __GFP_ZERO, HPAGE_PMD_ORDER);
	if (!folio)
		return VM_FAULT_FALLBACK;

	spin_lock(&mm->page_table_lock);
	if (!pmd_none(pmdp_get(vmf->pmd))) {
		spin_unlock(&mm->page_table_lock);
		folio_put(folio);
		return VM_FAULT_FALLBACK;
	}
	folio_add_new_anon_rmap_pmd(folio);
	/* the zeroed folio is visible before the pmd that maps it */
	smp_wmb();
	set_pmd_at(mm, haddr, vmf->pmd, pmd_mkhuge_prot(folio_pfn(folio), vma->vm_page_prot));
	spin_unlock(&mm->page_table_lock);
	return 0;
}
