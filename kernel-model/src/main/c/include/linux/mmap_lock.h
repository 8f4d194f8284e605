/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mmap_lock: the rw_semaphore of an mm_struct (<linux/rwsem.h>). */
#ifndef _LINUX_MMAP_LOCK_H
#define _LINUX_MMAP_LOCK_H

#include <linux/mm_types.h>
#include <linux/rwsem.h>
#include <linux/bug.h>

#define MMAP_LOCK_INITIALIZER(name)	.mmap_lock = __RWSEM_INITIALIZER((name).mmap_lock),

static inline void mmap_init_lock(struct mm_struct *mm)
{
	init_rwsem(&mm->mmap_lock);
}

#define mmap_read_lock(mm)	__down_read(&(mm)->mmap_lock, __rwsem_what("mmap_read_lock", mm))
#define mmap_write_lock(mm)	__down_write(&(mm)->mmap_lock, __rwsem_what("mmap_write_lock", mm))

static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	return down_read_trylock(&mm->mmap_lock);
}

static inline bool mmap_write_trylock(struct mm_struct *mm)
{
	return down_write_trylock(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

static inline void mmap_write_downgrade(struct mm_struct *mm)
{
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

#endif /* _LINUX_MMAP_LOCK_H */
