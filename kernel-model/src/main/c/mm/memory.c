// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * User page tables and page faults, after Linux's mm/memory.c:
 *
 *   __pud_alloc/__pmd_alloc/__pte_alloc  a table page for an empty entry,
 *                          installed under page_table_lock (a racing
 *                          allocator's page is freed)
 *   handle_mm_fault()      walk/allocate down to the pmd; THP for an empty
 *                          pmd of a VM_HUGEPAGE anonymous VMA
 *                          (mm/huge_memory.c), else handle_pte_fault():
 *                          do_anonymous_page() / do_fault() (->fault, e.g.
 *                          filemap_fault, then finish_fault()) for an
 *                          empty pte; a present one is a spurious fault
 *   zap_page_range_single()  clear the entries of a range, flush the TLBs,
 *                          then drop the folios (struct mmu_gather)
 *   free_pgd_range()       free pte tables left empty, after the flush and
 *                          an RCU grace period (pte_free_defer), since
 *                          GUP-fast walks them without locks
 *
 * No COW, no swap: a writable VMA's pages are mapped writable at the first
 * fault; a file VMA maps the page-cache folio itself (MAP_SHARED-like).
 * Every page-table change happens under mm->page_table_lock (Linux splits
 * it per table; one lock is enough here).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pagemap.h>
#include <linux/rcupdate.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/tlbflush.h>
#include <mmulab/page_state.h>

/* ------------------------------------------------------------------------
 * Page-table pages
 */

static void *pgtable_alloc(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	mmulab_page_state(page_to_pfn(page), 1, MMULAB_OWNER_PAGE_TABLE);
	return page_address(page);
}

pte_t *pte_alloc_one(struct mm_struct *mm)
{
	(void)mm;
	return pgtable_alloc();
}

void pte_free(struct mm_struct *mm, pte_t *pte)
{
	(void)mm;
	free_page((unsigned long)pte);
}

static void pte_free_now(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	__free_page(page);
}

/*
 * Free a pte table that no entry points to any more, once lockless walkers
 * (GUP-fast, with interrupts masked: an RCU read side here) that may have
 * read the old pmd are done with it.
 */
void pte_free_defer(struct mm_struct *mm, pte_t *pte)
{
	struct page *page = virt_to_page(pte);

	(void)mm;
	call_rcu(&page->rcu_head, pte_free_now);
}

int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	pte_t *new = pte_alloc_one(mm);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pmd_none(pmdp_get(pmd))) {
		/* the zeroed table is visible before the pmd that points to it */
		smp_wmb();
		pmd_populate(mm, pmd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pte_free(mm, new);
	return 0;
}

int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address)
{
	pmd_t *new = pgtable_alloc();

	(void)address;
	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pud_none(pudp_get(pud))) {
		smp_wmb();
		pud_populate(mm, pud, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		free_page((unsigned long)new);
	return 0;
}

int __pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long address)
{
	pud_t *new = pgtable_alloc();

	(void)address;
	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (p4d_none(p4dp_get(p4d))) {
		smp_wmb();
		p4d_populate(mm, p4d, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		free_page((unsigned long)new);
	return 0;
}

static pud_t *pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long address)
{
	if (p4d_none(p4dp_get(p4d)) && __pud_alloc(mm, p4d, address))
		return NULL;
	return pud_offset(p4d, address);
}

static pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address)
{
	if (pud_none(pudp_get(pud)) && __pmd_alloc(mm, pud, address))
		return NULL;
	return pmd_offset(pud, address);
}

/* the pmd mapping address, if the tables down to it exist */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address)
{
	pgd_t *pgd = pgd_offset(mm, address);
	p4d_t *p4d;
	pud_t *pud;

	if (!pgd_present(pgdp_get(pgd)))
		return NULL;
	p4d = p4d_offset(pgd, address);
	if (!p4d_present(p4dp_get(p4d)))
		return NULL;
	pud = pud_offset(p4d, address);
	if (!pud_present(pudp_get(pud)) || pud_leaf(pudp_get(pud)))
		return NULL;
	return pmd_offset(pud, address);
}

/* ------------------------------------------------------------------------
 * Faults
 */

static inline pte_t mk_pte(struct page *page, pgprot_t prot)
{
	return pfn_pte(page_to_pfn(page), prot);
}

static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct folio *folio;
	struct page *page;

	folio = folio_alloc(GFP_KERNEL | __GFP_ZERO, 0);
	if (!folio)
		return VM_FAULT_OOM;
	page = &folio->page;

	spin_lock(&mm->page_table_lock);
	if (!pte_none(ptep_get(vmf->pte))) {
		/* another fault mapped it first */
		spin_unlock(&mm->page_table_lock);
		folio_put(folio);
		return 0;
	}
	/* the folio's reference is the mapping's from here on */
	folio_add_new_anon_rmap_pte(folio, page);
	set_pte_at(mm, vmf->address, vmf->pte, mk_pte(page, vma->vm_page_prot));
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/* map the folio ->fault returned (its reference becomes the mapping's) */
static vm_fault_t finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct folio *folio = vmf->folio;
	struct page *page = folio_page(folio, vmf->pgoff - folio->index);

	spin_lock(&mm->page_table_lock);
	if (!pte_none(ptep_get(vmf->pte))) {
		spin_unlock(&mm->page_table_lock);
		folio_put(folio);
		return 0;
	}
	folio_add_rmap_pte(folio, page);
	set_pte_at(mm, vmf->address, vmf->pte, mk_pte(page, vma->vm_page_prot));
	spin_unlock(&mm->page_table_lock);
	return 0;
}

static vm_fault_t do_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;

	if (!vmf->vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	ret = vmf->vma->vm_ops->fault(vmf);
	if (ret & VM_FAULT_ERROR)
		return ret;
	return finish_fault(vmf);
}

static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	struct mm_struct *mm = vmf->vma->vm_mm;
	pte_t entry;

	if (pmd_none(pmdp_get(vmf->pmd)) && __pte_alloc(mm, vmf->pmd))
		return VM_FAULT_OOM;
	if (pmd_trans_huge(pmdp_get(vmf->pmd)))
		return 0;	/* a huge page appeared: the access retries */

	vmf->pte = pte_offset_map(vmf->pmd, vmf->address);
	vmf->orig_pte = ptep_get(vmf->pte);
	if (pte_none(vmf->orig_pte))
		return vma_is_anonymous(vmf->vma) ? do_anonymous_page(vmf) : do_fault(vmf);

	/*
	 * Present: another CPU mapped it, or this CPU's TLB held an older
	 * entry. A write to a read-only entry of a writable VMA would be COW,
	 * which this kernel does not do (writable VMAs map pages writable).
	 */
	entry = vmf->orig_pte;
	if ((vmf->flags & FAULT_FLAG_WRITE) && !pte_write(entry))
		return VM_FAULT_SIGSEGV;
	return 0;
}

/*
 * Resolve a fault at address in vma, under the mmap_lock (read) or the
 * VMA's lock (FAULT_FLAG_VMA_LOCK). The caller checked the access against
 * vma->vm_flags.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.real_address = address,
		.flags = flags,
		.pgoff = linear_page_index(vma, address),
	};
	pgd_t *pgd;
	p4d_t *p4d;
	pud_t *pud;

	(void)regs;
	/*
	 * The VMA must be the faulting task's and hold the address: a fault
	 * under any other VMA would map pages into another address space, or
	 * outside every mapping of this one, where no munmap ever zaps them.
	 * A lockless finder (lock_vma_under_rcu) that misses a reuse of the
	 * object (SLAB_TYPESAFE_BY_RCU) gets here with such a VMA.
	 */
	if (unlikely((!(flags & FAULT_FLAG_REMOTE) && mm != current->mm) ||
		     address < vma->vm_start || address >= vma->vm_end))
		__mmulab_bug_fmt(__FILE__, __LINE__,
			"VM_BUG_ON_VMA(vma->vm_mm != current->mm || address outside it): fault at %#lx "
			"(mm %p) under vma %p [%#lx-%#lx) mm %p, found by %s", address, current->mm,
			vma, vma->vm_start, vma->vm_end, mm, (flags & FAULT_FLAG_VMA_LOCK) ?
			"lock_vma_under_rcu/vma_start_read" : "vma_lookup under the mmap_lock");
	pgd = pgd_offset(mm, address);
	p4d = p4d_offset(pgd, address);
	pud = pud_alloc(mm, p4d, address);
	if (!pud)
		return VM_FAULT_OOM;
	vmf.pmd = pmd_alloc(mm, pud, address);
	if (!vmf.pmd)
		return VM_FAULT_OOM;

	if (pmd_none(pmdp_get(vmf.pmd)) && vma_is_anonymous(vma) &&
	    thp_vma_suitable(vma, address & HPAGE_PMD_MASK)) {
		vm_fault_t ret = do_huge_pmd_anonymous_page(&vmf);

		if (!(ret & VM_FAULT_FALLBACK))
			return ret;
	}
	if (pmd_trans_huge(pmdp_get(vmf.pmd))) {
		if ((flags & FAULT_FLAG_WRITE) && !pmd_write(pmdp_get(vmf.pmd)))
			return VM_FAULT_SIGSEGV;
		return 0;
	}
	return handle_pte_fault(&vmf);
}

/* fault in address for GUP: under mmap_read_lock, like Linux's helper */
int fixup_user_fault(struct mm_struct *mm, unsigned long address, unsigned int fault_flags)
{
	struct vm_area_struct *vma = vma_lookup(mm, address);
	vm_fault_t ret;

	mmap_assert_locked(mm);
	if (!vma)
		return -EFAULT;
	if ((fault_flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_WRITE))
		return -EFAULT;
	ret = handle_mm_fault(vma, address, fault_flags | FAULT_FLAG_REMOTE, NULL);
	if (ret & VM_FAULT_OOM)
		return -ENOMEM;
	if (ret & VM_FAULT_ERROR)
		return -EFAULT;
	return 0;
}

/* ------------------------------------------------------------------------
 * Unmapping: struct mmu_gather (Linux's include/asm-generic/tlb.h,
 * mm/mmu_gather.c). Folios whose entries were cleared are dropped only
 * after the TLB flush, so no CPU can still reach them through a stale
 * entry:
 *
 *   CPU 0 (zap)                       CPU 1
 *   pte = 0; gather folio             (TLB: old entry, may still be used)
 *   flush_tlb_range()  ------------>  entry gone
 *   folio_put(): free
 */

#define MMU_GATHER_BATCH	32

struct mmu_gather {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	unsigned long start, end;	/* range to flush, [start, end) */
	unsigned int nr;
	struct folio *folios[MMU_GATHER_BATCH];
};

static void tlb_gather_mmu(struct mmu_gather *tlb, struct vm_area_struct *vma)
{
	tlb->mm = vma->vm_mm;
	tlb->vma = vma;
	tlb->start = ULONG_MAX;
	tlb->end = 0;
	tlb->nr = 0;
}

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	unsigned int i;

	if (tlb->end > tlb->start)
		flush_tlb_range(tlb->vma, tlb->start, tlb->end);
	tlb->start = ULONG_MAX;
	tlb->end = 0;
	for (i = 0; i < tlb->nr; i++)
		folio_put(tlb->folios[i]);
	tlb->nr = 0;
}

static void tlb_track_range(struct mmu_gather *tlb, unsigned long start, unsigned long end)
{
	tlb->start = min(tlb->start, start);
	tlb->end = max(tlb->end, end);
}

static void tlb_remove_folio(struct mmu_gather *tlb, struct folio *folio)
{
	if (tlb->nr == MMU_GATHER_BATCH)
		tlb_flush_mmu(tlb);
	tlb->folios[tlb->nr++] = folio;
}

static void zap_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr,
			  unsigned long end)
{
	struct mm_struct *mm = tlb->mm;
	pte_t *pte = pte_offset_map(pmd, addr);

	spin_lock(&mm->page_table_lock);
	for (; addr != end; pte++, addr += PAGE_SIZE) {
		pte_t old = ptep_get(pte);
		struct page *page;
		struct folio *folio;

		if (pte_none(old))
			continue;
		old = ptep_get_and_clear(mm, addr, pte);
		tlb_track_range(tlb, addr, addr + PAGE_SIZE);
		if (!pte_present(old))
			continue;
		page = pfn_to_page(pte_pfn(old));
		folio = page_folio(page);
		folio_remove_rmap_pte(folio, page);
		if (tlb->nr == MMU_GATHER_BATCH) {
			spin_unlock(&mm->page_table_lock);
			tlb_flush_mmu(tlb);	/* waits for IPIs: not under the lock */
			spin_lock(&mm->page_table_lock);
		}
		tlb_remove_folio(tlb, folio);
	}
	spin_unlock(&mm->page_table_lock);
}

static void zap_huge_pmd(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr)
{
	struct mm_struct *mm = tlb->mm;
	struct folio *folio;
	pmd_t old;

	spin_lock(&mm->page_table_lock);
	old = pmdp_huge_get_and_clear(mm, addr, pmd);
	spin_unlock(&mm->page_table_lock);
	if (!pmd_present(old))
		return;
	tlb_track_range(tlb, addr, addr + HPAGE_PMD_SIZE);
	folio = page_folio(pfn_to_page(pmd_pfn(old)));
	folio_remove_rmap_pmd(folio);
	tlb_remove_folio(tlb, folio);
}

void zap_page_range_single(struct vm_area_struct *vma, unsigned long address,
			   unsigned long size)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = address + size, next;
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, vma);
	for (; address < end; address = next) {
		pmd_t *pmd = mm_find_pmd(mm, address);
		pmd_t v;

		next = pmd_addr_end(address, end);
		if (!pmd)
			continue;
		v = pmdp_get(pmd);
		if (pmd_none(v))
			continue;
		if (pmd_trans_huge(v)) {
			/* whole huge pages only: VMAs never split one */
			zap_huge_pmd(&tlb, pmd, address & HPAGE_PMD_MASK);
			continue;
		}
		zap_pte_range(&tlb, pmd, address, next);
	}
	tlb_flush_mmu(&tlb);
}

static bool pte_table_empty(pte_t *table)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i++)
		if (!pte_none(ptep_get(table + i)))
			return false;
	return true;
}

/*
 * Free the pte tables of [addr, end) that no VMA uses any more (all entries
 * empty). The pmd is cleared and flushed first, so the walkers' caches drop
 * it; the table itself is freed after a grace period, for GUP-fast.
 */
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end)
{
	unsigned long next;

	for (; addr < end; addr = next) {
		pmd_t *pmd = mm_find_pmd(mm, addr);
		pte_t *table = NULL;
		pmd_t v;

		next = pmd_addr_end(addr, end);
		if (!pmd)
			continue;
		spin_lock(&mm->page_table_lock);
		v = pmdp_get(pmd);
		if (!pmd_none(v) && !pmd_leaf(v) &&
		    pte_table_empty((pte_t *)pmd_page_vaddr(v))) {
			table = (pte_t *)pmd_page_vaddr(v);
			pmd_clear(pmd);
		}
		spin_unlock(&mm->page_table_lock);
		if (!table)
			continue;
		/* walk caches may hold the pmd: drop them all, as freed_tables does */
		flush_tlb_mm(mm);
		pte_free_defer(mm, table);
	}
}

/* ------------------------------------------------------------------------
 * The arch-independent part of a kernel access to a user address
 * (x86 do_user_addr_fault, arm64 do_page_fault): the per-VMA lock first,
 * the mmap_lock if that fails, as in Linux. Called with interrupts enabled
 * if the faulting context had them (the locks may sleep).
 */
vm_fault_t handle_user_fault(struct mm_struct *mm, unsigned long address, unsigned int flags,
			     struct pt_regs *regs)
{
	unsigned long need = (flags & FAULT_FLAG_WRITE) ? VM_WRITE : VM_READ;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	vma = lock_vma_under_rcu(mm, address);
	if (vma) {
		if (!(vma->vm_flags & need)) {
			vma_end_read(vma);
			return VM_FAULT_SIGSEGV;
		}
		fault = handle_mm_fault(vma, address, flags | FAULT_FLAG_VMA_LOCK, regs);
		vma_end_read(vma);
		if (!(fault & VM_FAULT_RETRY)) {
			count_vm_vma_lock_event(VMA_LOCK_SUCCESS);
			return fault;
		}
		count_vm_vma_lock_event(VMA_LOCK_RETRY);
	}

	mmap_read_lock(mm);
	vma = vma_lookup(mm, address);
	if (!vma || !(vma->vm_flags & need))
		fault = VM_FAULT_SIGSEGV;
	else
		fault = handle_mm_fault(vma, address, flags, regs);
	mmap_read_unlock(mm);
	return fault;
}

/*
 * The last reference to mm is gone (mmdrop): free every user table left
 * (upper levels, and pte tables still holding entries, which only an mm
 * torn down without munmap has). No CPU has mm loaded any more, and its
 * ASID is never reused, so no walker or TLB can reach them.
 */
void free_user_pgtables(struct mm_struct *mm)
{
	unsigned long i, j, k;

	for (i = 0; i < USER_PTRS_PER_PGD; i++) {
		pgd_t *pgd = mm->pgd + i;
		pud_t *pud;

		if (pgd_none(pgdp_get(pgd)))
			continue;
		pud = p4d_pgtable(p4dp_get(p4d_offset(pgd, 0)));
		for (j = 0; j < PTRS_PER_PUD; j++) {
			pmd_t *pmd;

			if (pud_none(pudp_get(pud + j)) || pud_leaf(pudp_get(pud + j)))
				continue;
			pmd = pud_pgtable(pudp_get(pud + j));
			for (k = 0; k < PTRS_PER_PMD; k++) {
				pmd_t v = pmdp_get(pmd + k);

				if (!pmd_none(v) && !pmd_leaf(v))
					pte_free(mm, (pte_t *)pmd_page_vaddr(v));
			}
			free_page((unsigned long)pmd);
		}
		free_page((unsigned long)pud);
		set_pgd(pgd, __pgd(0));
	}
}
