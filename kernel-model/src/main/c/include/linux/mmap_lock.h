/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmap_lock: the rw_semaphore of an mm_struct (<linux/rwsem.h>), and the
 * per-VMA locks that let page faults avoid it (Linux's CONFIG_PER_VMA_LOCK,
 * in its reference-count form).
 *
 * mm->mm_lock_seq is odd while the mmap_lock is write-held; a VMA is
 * write-locked while vma->vm_lock_seq equals it, so mmap_write_unlock()
 * releases every VMA write lock at once by making it even.
 *
 * vma->vm_refcnt:  0                       detached (not in any tree)
 *                  1                       attached, unlocked
 *                  1 + n                   attached, n readers
 *                  VMA_LOCK_OFFSET + ...   a writer is draining readers
 *
 * A reader (vma_start_read) increments only a non-zero count below the
 * reader limit, with acquire, then checks the VMA is not write-locked; a
 * writer (vma_start_write) adds VMA_LOCK_OFFSET, which stops new readers
 * (the limit), and sleeps until the readers are gone; the last of them
 * wakes it (vma_end_read). Detaching drops the attach reference and waits
 * for readers the same way.
 */
#ifndef _LINUX_MMAP_LOCK_H
#define _LINUX_MMAP_LOCK_H

#include <linux/mm_types.h>
#include <linux/rwsem.h>
#include <linux/bug.h>
#include <linux/smp.h>

#define MMAP_LOCK_INITIALIZER(name)	.mmap_lock = __RWSEM_INITIALIZER((name).mmap_lock),

static inline void mmap_init_lock(struct mm_struct *mm)
{
	init_rwsem(&mm->mmap_lock);
}

/* mm_lock_seq odd: write-held. The stores pair with vma_start_read()'s reads. */
static inline void mm_lock_seqcount_begin(struct mm_struct *mm)
{
	WRITE_ONCE(mm->mm_lock_seq, mm->mm_lock_seq + 1);
	smp_wmb();
}

static inline void mm_lock_seqcount_end(struct mm_struct *mm)
{
	smp_store_release(&mm->mm_lock_seq, mm->mm_lock_seq + 1);
}

#define mmap_read_lock(mm)	__down_read(&(mm)->mmap_lock, __rwsem_what("mmap_read_lock", mm))
#define mmap_write_lock(mm) do {						\
	__down_write(&(mm)->mmap_lock, __rwsem_what("mmap_write_lock", mm));	\
	mm_lock_seqcount_begin(mm);						\
} while (0)

static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	return down_read_trylock(&mm->mmap_lock);
}

static inline bool mmap_write_trylock(struct mm_struct *mm)
{
	if (!down_write_trylock(&mm->mmap_lock))
		return false;
	mm_lock_seqcount_begin(mm);
	return true;
}

/* every VMA write lock of this write section ends */
static inline void vma_end_write_all(struct mm_struct *mm)
{
	mm_lock_seqcount_end(mm);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	vma_end_write_all(mm);
	up_write(&mm->mmap_lock);
}

static inline void mmap_write_downgrade(struct mm_struct *mm)
{
	vma_end_write_all(mm);
	downgrade_write(&mm->mmap_lock);
}

static inline void mmap_assert_locked(struct mm_struct *mm)
{
	VM_BUG_ON(!rwsem_is_locked(&mm->mmap_lock));
}

static inline void mmap_assert_write_locked(struct mm_struct *mm)
{
	VM_BUG_ON(!rwsem_is_write_locked(&mm->mmap_lock));
}

/* ------------------------------------------------------------------------
 * Per-VMA locks (mm/mmap_lock.c)
 */

/*
 * The writer's share of vm_refcnt. The writerbit build models an earlier
 * design with the top bit instead: the count then looks negative, which
 * refcount_t treats as saturation.
 */
#ifdef VMA_LOCK_WRITER_BIT
#define VMA_LOCK_OFFSET		0x80000000U
#else
#define VMA_LOCK_OFFSET		0x40000000U
#endif
#define VMA_REF_LIMIT		(VMA_LOCK_OFFSET - 1)

static inline void vma_lock_init(struct vm_area_struct *vma, bool reset_refcnt)
{
	if (reset_refcnt)
		refcount_set(&vma->vm_refcnt, 0);
	/* no mm_lock_seq value is ever UINT_MAX within a run */
	WRITE_ONCE(vma->vm_lock_seq, UINT_MAX);
}

static inline bool is_vma_writer_only(int refcnt)
{
	/* a writer, and at most the attach reference besides */
	return refcnt & VMA_LOCK_OFFSET && refcnt <= (int)(VMA_LOCK_OFFSET + 1);
}

static inline bool __is_vma_write_locked(struct vm_area_struct *vma, unsigned int *mm_lock_seq)
{
	mmap_assert_write_locked(vma->vm_mm);
	*mm_lock_seq = vma->vm_mm->mm_lock_seq;
	return vma->vm_lock_seq == *mm_lock_seq;
}

void __vma_start_write(struct vm_area_struct *vma, unsigned int mm_lock_seq);

/* write-lock vma until the mmap_lock is released; waits for its readers */
static inline void vma_start_write(struct vm_area_struct *vma)
{
	unsigned int mm_lock_seq;

	if (__is_vma_write_locked(vma, &mm_lock_seq))
		return;
	__vma_start_write(vma, mm_lock_seq);
}

static inline void vma_assert_write_locked(struct vm_area_struct *vma)
{
	unsigned int mm_lock_seq;

	VM_BUG_ON(!__is_vma_write_locked(vma, &mm_lock_seq));
}

static inline void vma_assert_attached(struct vm_area_struct *vma)
{
	WARN_ON_ONCE(!refcount_read(&vma->vm_refcnt));
}

static inline void vma_assert_detached(struct vm_area_struct *vma)
{
	WARN_ON_ONCE(refcount_read(&vma->vm_refcnt));
}

/*
 * The VMA is in its mm's tree from now on: readers may lock it once its
 * writer's mmap_write_unlock() ends the write lock it was attached under.
 */
static inline void vma_mark_attached(struct vm_area_struct *vma)
{
	vma_assert_write_locked(vma);
	vma_assert_detached(vma);
	/* release: a reader that sees 1 sees the VMA's fields */
	atomic_set_release(&vma->vm_refcnt.refs, 1);
}

void vma_mark_detached(struct vm_area_struct *vma);

struct vm_area_struct *vma_start_read(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_end_read(struct vm_area_struct *vma);
struct vm_area_struct *lock_vma_under_rcu(struct mm_struct *mm, unsigned long address);

/*
 * What per-VMA-lock faults did (Linux's VMA_LOCK_* vm events), per CPU:
 * SUCCESS handled under the VMA lock, ABORT fell back to the mmap_lock
 * (no VMA, write-locked, or the recheck failed), RETRY the handler asked
 * for the mmap_lock, MISS the VMA was detached under the finder.
 */
enum vma_lock_event { VMA_LOCK_SUCCESS, VMA_LOCK_ABORT, VMA_LOCK_RETRY, VMA_LOCK_MISS, NR_VMA_LOCK_EVENTS };
extern unsigned long vma_lock_events[NR_CPUS][NR_VMA_LOCK_EVENTS];

/* each CPU writes only its own row: no atomics, so no extra ordering */
#define count_vm_vma_lock_event(e)	do {					\
	unsigned long *__c = &vma_lock_events[smp_processor_id()][e];		\
	WRITE_ONCE(*__c, *__c + 1);						\
} while (0)

/* the sum over CPUs (a reader that wants it exact waits for them first) */
unsigned long vma_lock_event_count(enum vma_lock_event e);

#endif /* _LINUX_MMAP_LOCK_H */
