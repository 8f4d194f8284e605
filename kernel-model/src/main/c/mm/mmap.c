// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Address spaces and their VMAs, after Linux's kernel/fork.c (mm_alloc,
 * mmput, vm_area_alloc) and mm/mmap.c, mm/vma.c (do_mmap, do_munmap):
 *
 *   mm_alloc()       a new mm: empty VMA tree, a pgd whose kernel half is
 *                    the kernel's (x86) / an empty TTBR0 table (arm64), an
 *                    ASID (arm64)
 *   do_mmap()        a new VMA at a fixed or free address, under the mmap
 *                    write lock; no pages yet: faults populate it
 *   do_munmap()      detach the VMAs in the range (vma_mark_detached), zap
 *                    their pages and free the page tables they alone used,
 *                    flush the TLBs, free the VMAs (to a
 *                    SLAB_TYPESAFE_BY_RCU cache: a lockless finder may
 *                    still look at the object, so it must recheck it)
 *
 * VMAs never split: an unmap must cover whole VMAs (scenarios map and
 * unmap whole ranges).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <mmulab/page_state.h>

struct kmem_cache *vm_area_cachep;
static struct kmem_cache *mm_cachep;
static atomic_t next_asid = ATOMIC_INIT(0);

#define TASK_UNMAPPED_BASE	0x0000100000000000UL	/* where free-address mmaps start */

/*
 * A lockless finder may take a reference on a free object of this
 * SLAB_TYPESAFE_BY_RCU cache at any time (vma_start_read's
 * inc-not-zero), so vm_refcnt must be a valid count from the object's
 * creation: 0, detached. Objects are freed detached (0) and allocation
 * leaves the count alone, so it stays meaningful across reuse.
 */
static void vm_area_ctor(void *object)
{
	memset(object, 0, sizeof(struct vm_area_struct));
}

void __init proc_caches_init(void)
{
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0, SLAB_PANIC, NULL);
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0,
					   SLAB_PANIC | SLAB_TYPESAFE_BY_RCU, vm_area_ctor);
}

/* protection bits of a mapping's entries, from its vm_flags */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	switch (vm_flags & VM_ACCESS_FLAGS) {
	case VM_NONE:
		return PAGE_NONE;
	case VM_READ:
		return PAGE_READONLY;
	case VM_READ | VM_EXEC:
	case VM_EXEC:
		return PAGE_READONLY_EXEC;
	case VM_WRITE | VM_EXEC:
	case VM_READ | VM_WRITE | VM_EXEC:
		return PAGE_SHARED_EXEC;
	default:
		return PAGE_SHARED;
	}
}

static pgd_t *pgd_alloc(struct mm_struct *mm)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);

	(void)mm;
	BUG_ON(!pgd);
	mmulab_page_state(virt_to_pfn(pgd), 1, MMULAB_OWNER_PAGE_TABLE);
#ifdef KERNEL_PGD_BOUNDARY
	/* x86: one root for both halves; the kernel's tables are shared */
	memcpy(pgd + KERNEL_PGD_BOUNDARY, init_mm.pgd + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
#endif
	return pgd;
}

static void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	(void)mm;
	free_page((unsigned long)pgd);
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	mt_init(&mm->mm_mt);
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	spin_lock_init(&mm->page_table_lock);
	mmap_init_lock(mm);
	mm->mm_lock_seq = 0;
	mm->context_id = atomic_inc_return(&next_asid);
	BUG_ON(mm->context_id > 0xff);	/* 8-bit ASIDs, never recycled */
	mm->pgd = pgd_alloc(mm);
	return mm;
}

void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count)) {
		free_user_pgtables(mm);
		pgd_free(mm, mm->pgd);
		kmem_cache_free(mm_cachep, mm);
	}
}

/* the last user is gone: unmap everything, then drop the struct */
void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	mmap_write_lock(mm);
	for (addr = 0; (vma = mt_find(&mm->mm_mt, &addr, ULONG_MAX)); )
		do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	mmap_write_unlock(mm);
	mtree_destroy(&mm->mm_mt);
	mmdrop(mm);
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (!vma)
		return NULL;
	/*
	 * The object may still be read by a lockless finder of its previous
	 * life: its per-VMA lock state is left to vma_lock_init(), everything
	 * else is this VMA's from here on.
	 */
	WRITE_ONCE(vma->vm_mm, mm);
	vma->vm_start = vma->vm_end = 0;
	vma->vm_flags = 0;
	vma->vm_pgoff = 0;
	vma->vm_file = NULL;
	vma->vm_ops = NULL;
	vma_lock_init(vma, false);
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vm_area_cachep, vma);
}

/* the first VMA that ends above addr */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	unsigned long index = addr;

	return mt_find(&mm->mm_mt, &index, ULONG_MAX);
}

/* the VMA that holds addr */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	return mtree_load(&mm->mm_mt, addr);
}

/* the lowest free range of len bytes at or above TASK_UNMAPPED_BASE */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len,
				       unsigned long align)
{
	unsigned long addr = TASK_UNMAPPED_BASE;
	struct vm_area_struct *vma;

	for (;;) {
		addr = ALIGN(addr, align);
		vma = find_vma(mm, addr);
		if (!vma || addr + len <= vma->vm_start)
			return addr;
		addr = vma->vm_end;
	}
}

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = VM_MAYREAD | VM_MAYWRITE;

	if (prot & PROT_READ)
		vm_flags |= VM_READ;
	if (prot & PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm_flags |= VM_EXEC;
	if (flags & MAP_SHARED)
		vm_flags |= VM_SHARED;
	return vm_flags;
}

/* under the mmap write lock */
unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long vm_flags, pgoff_t pgoff)
{
	struct vm_area_struct *vma;
	unsigned long align = (vm_flags & VM_HUGEPAGE) ? HPAGE_PMD_SIZE : PAGE_SIZE;
	int err;

	mmap_assert_write_locked(mm);
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE_MAX)
		return -EINVAL;
	if (flags & MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || addr + len > TASK_SIZE_MAX || addr + len < addr)
			return -EINVAL;
		if (find_vma(mm, addr) && find_vma(mm, addr)->vm_start < addr + len)
			return -EEXIST;		/* no MAP_FIXED replacement here */
	} else {
		addr = get_unmapped_area(mm, len, align);
	}

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = calc_vm_flags(prot, flags) | vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_pgoff = pgoff;
	if (file) {
		vma->vm_file = file;
		vma->vm_ops = &generic_file_vm_ops;
	}
	/*
	 * Write-lock, attach, then publish: a finder that gets the VMA from
	 * the tree sees it attached (the tree store is a release) but cannot
	 * read-lock it before mmap_write_unlock(), as in Linux, where a new
	 * VMA is write-locked before it goes into the tree.
	 */
	vma_start_write(vma);
	vma_mark_attached(vma);
#ifdef VMA_DOUBLE_ATTACH
	/*
	 * BUG (the double-attach variant): the tree insertion attaches the
	 * VMA as well, as an increment: vm_refcnt is 2 with no reader, and
	 * the first vma_start_write() waits for a reader that does not exist.
	 */
	refcount_inc(&vma->vm_refcnt);
#endif
	err = mtree_store_range(&mm->mm_mt, vma->vm_start, vma->vm_end - 1, vma);
	if (err) {
		vma_mark_detached(vma);
		vm_area_free(vma);
		return err;
	}
	mm->map_count++;
	mm->total_vm += len >> PAGE_SHIFT;
	return addr;
}

unsigned long vm_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long pgoff)
{
	unsigned long ret;

	mmap_write_lock(mm);
	ret = do_mmap(mm, file, addr, len, prot, flags, 0, pgoff);
	mmap_write_unlock(mm);
	return ret;
}

/*
 * Remove one whole VMA: write-lock it (waiting for per-VMA-lock readers),
 * take it out of the tree and mark it detached, zap its pages, free the
 * page tables only it used, and free it. Its page-table entries are gone
 * and flushed from every TLB before the pages are freed
 * (zap_page_range_single).
 */
static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_start_write(vma);
	mtree_erase(&mm->mm_mt, vma->vm_start);
	vma_mark_detached(vma);
	zap_page_range_single(vma, vma->vm_start, vma->vm_end - vma->vm_start);
	free_pgd_range(mm, vma->vm_start, vma->vm_end);
	mm->map_count--;
	mm->total_vm -= vma_pages(vma);
	vm_area_free(vma);
}

/* under the mmap write lock; [start, start + len) must cover whole VMAs */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma;
	unsigned long end;

	mmap_assert_write_locked(mm);
	if ((start & ~PAGE_MASK) || !len)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	while ((vma = find_vma(mm, start)) && vma->vm_start < end) {
		if (vma->vm_start < start || vma->vm_end > end)
			return -EINVAL;	/* would split a VMA */
		remove_vma(mm, vma);
	}
	return 0;
}

int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	int ret;

	mmap_write_lock(mm);
	ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}

/*
 * Run this CPU's task in mm (Linux's kthread_use_mm): its user half is
 * mm's from now on, and faults on user addresses resolve in it.
 */
void kthread_use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	WARN_ON_ONCE(tsk->mm);
	mmgrab(mm);
	local_irq_save(flags);
	tsk->mm = mm;
	switch_mm(tsk->active_mm, mm, tsk);
	local_irq_restore(flags);
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	WARN_ON_ONCE(tsk->mm != mm);
	local_irq_save(flags);
	tsk->mm = NULL;
	switch_mm(mm, &init_mm, tsk);
	local_irq_restore(flags);
	mmdrop(mm);
}
