// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-VMA locks on vm_refcnt (<linux/mmap_lock.h>), after Linux's
 * mm/mmap_lock.c: vma_start_read(), vma_end_read(), __vma_start_write(),
 * vma_mark_detached() and lock_vma_under_rcu().
 *
 * The VMA a lockless finder gets from the tree may be detached, freed and
 * reused (SLAB_TYPESAFE_BY_RCU) by the time it takes the lock: a reused
 * object is attached again, so the reference succeeds, but the VMA may now
 * belong to another mm or cover another range. Hence the recheck after
 * the lock (FIX_VMA_RECHECK):
 *
 *   CPU 0 (fault, mm A)              CPU 1 (munmap, A)   CPU 2 (mmap, B)
 *   rcu_read_lock()
 *   vma = mtree_load(A, addr)
 *                                    detach vma, free it
 *                                                        vma = vm_area_alloc
 *                                                        (same object) for B,
 *                                                        attach: refcnt 1
 *   vma_start_read(A, vma): 1 -> 2   succeeds
 *   without the recheck: handles A's fault under B's VMA
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/rcupdate.h>
#include <linux/wait_bit.h>
#include <mmulab/wait.h>

/*
 * refcount_inc_not_zero with a limit and acquire ordering: the reader's
 * later reads of the VMA (vm_mm, range, vm_lock_seq) come after the
 * reference. *oldp is the count seen.
 */
static bool __refcount_inc_not_zero_limited_acquire(refcount_t *r, int *oldp, int limit)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
		if ((unsigned int)old + 1 > (unsigned int)limit) {
			*oldp = old;
			return false;
		}
	} while (!atomic_try_cmpxchg_acquire(&r->refs, &old, old + 1));
	*oldp = old;
	if (unlikely(old < 0 || old + 1 < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF, old);
	return old != 0;
}

/* drop a reader's reference; the last reader wakes a waiting writer */
static void vma_refcount_put(struct vm_area_struct *vma)
{
	int old = atomic_fetch_sub_release(1, &vma->vm_refcnt.refs);

	if (unlikely(old <= 0)) {
		refcount_warn_saturate(&vma->vm_refcnt, REFCOUNT_SUB_UAF, old);
		return;
	}
	if (is_vma_writer_only(old - 1)) {
		/* the decrement is visible before the writer is woken */
		smp_mb();
		wake_up_var(&vma->vm_refcnt);
	}
}

/*
 * Take a read lock on vma for mm, or NULL: it is write-locked, or has too
 * many readers; ERR_PTR(-EAGAIN): it is detached (the caller's tree view
 * is stale).
 */
struct vm_area_struct *vma_start_read(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int oldcnt;

	/* cheap early out: write-locked in the current write section */
	if (READ_ONCE(vma->vm_lock_seq) == READ_ONCE(mm->mm_lock_seq))
		return NULL;

	if (unlikely(!__refcount_inc_not_zero_limited_acquire(&vma->vm_refcnt, &oldcnt,
							      VMA_REF_LIMIT)))
		return oldcnt ? NULL : ERR_PTR(-EAGAIN);

	/*
	 * With the reference held, a writer cannot finish vma_start_write();
	 * recheck that none did before us (the acquire orders this read
	 * after the increment).
	 */
	if (unlikely(READ_ONCE(vma->vm_lock_seq) == smp_load_acquire(&mm->mm_lock_seq))) {
		vma_refcount_put(vma);
		return NULL;
	}
	return vma;
}

void vma_end_read(struct vm_area_struct *vma)
{
	vma_refcount_put(vma);
}

/*
 * Wait until the readers of a VMA we hold VMA_LOCK_OFFSET of have left:
 * only the writer's share (plus the attach reference, if attached) stays.
 */
static void __vma_enter_locked_wait(struct vm_area_struct *vma, bool detaching)
{
	unsigned int tgt = detaching ? VMA_LOCK_OFFSET : VMA_LOCK_OFFSET + 1;

	might_sleep();
	if (refcount_read(&vma->vm_refcnt) == tgt)
		return;
	/* a hang report names the writer and what it waits for */
	___wait_var_event(&vma->vm_refcnt, refcount_read(&vma->vm_refcnt) == tgt,
			  detaching ?
			  "vma_mark_detached: waiting for the readers of vma->vm_refcnt to leave "
			  "(vm_refcnt == VMA_LOCK_OFFSET) at " __FILE__ ":" __stringify(__LINE__) :
			  "vma_start_write: waiting for the readers of vma->vm_refcnt to leave "
			  "(vm_refcnt == VMA_LOCK_OFFSET + 1, the attach reference) at " __FILE__ ":" __stringify(__LINE__));
}

void __vma_start_write(struct vm_area_struct *vma, unsigned int mm_lock_seq)
{
	/* a detached VMA has no readers to wait for */
	if (!refcount_add_not_zero(VMA_LOCK_OFFSET, &vma->vm_refcnt)) {
		WRITE_ONCE(vma->vm_lock_seq, mm_lock_seq);
		return;
	}
	__vma_enter_locked_wait(vma, false);
	/*
	 * Readers that come after this see the VMA write-locked (they compare
	 * vm_lock_seq after their increment); the ones before have left.
	 */
	WRITE_ONCE(vma->vm_lock_seq, mm_lock_seq);
	if (refcount_sub_and_test(VMA_LOCK_OFFSET, &vma->vm_refcnt))
		WARN_ON_ONCE(1);	/* it was attached: the attach ref stays */
}

/* out of the tree: drop the attach reference, wait for the last reader */
void vma_mark_detached(struct vm_area_struct *vma)
{
	vma_assert_write_locked(vma);
	vma_assert_attached(vma);
	if (likely(refcount_dec_and_test(&vma->vm_refcnt)))
		return;
	/* readers still hold it (they will fail their checks and leave) */
	if (refcount_add_not_zero(VMA_LOCK_OFFSET, &vma->vm_refcnt)) {
		__vma_enter_locked_wait(vma, true);
		if (!refcount_sub_and_test(VMA_LOCK_OFFSET, &vma->vm_refcnt))
			WARN_ON_ONCE(1);	/* someone attached it meanwhile */
	}
}

/*
 * Find the VMA holding address in mm and read-lock it, without the
 * mmap_lock; NULL: the caller falls back to mmap_read_lock().
 */
struct vm_area_struct *lock_vma_under_rcu(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma;

	rcu_read_lock();
retry:
	vma = mtree_load(&mm->mm_mt, address);
	if (!vma)
		goto inval;

	vma = vma_start_read(mm, vma);
	if (IS_ERR_OR_NULL(vma)) {
		/* detached under us: look again, the tree has moved on */
		if (PTR_ERR(vma) == -EAGAIN) {
			count_vm_vma_lock_event(VMA_LOCK_MISS);
			goto retry;
		}
		goto inval;
	}

#ifdef FIX_VMA_RECHECK
	/* the object may have been freed and reused since the lookup */
	if (unlikely(READ_ONCE(vma->vm_mm) != mm ||
		     address < READ_ONCE(vma->vm_start) || address >= READ_ONCE(vma->vm_end))) {
		vma_end_read(vma);
		goto inval;
	}
#endif
	rcu_read_unlock();
	return vma;
inval:
	rcu_read_unlock();
	count_vm_vma_lock_event(VMA_LOCK_ABORT);
	return NULL;
}

unsigned long vma_lock_events[NR_CPUS][NR_VMA_LOCK_EVENTS];

unsigned long vma_lock_event_count(enum vma_lock_event e)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		sum += READ_ONCE(vma_lock_events[cpu][e]);
	return sum;
}
