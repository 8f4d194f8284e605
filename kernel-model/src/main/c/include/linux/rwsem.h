/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Read-write semaphores (kernel/locking/rwsem.c), the sleeping lock behind
 * mmap_lock. One atomic_long_t count, encoded as in Linux:
 *
 *   bit 0      RWSEM_WRITER_LOCKED   a writer owns it
 *   bit 1      RWSEM_FLAG_WAITERS    someone sleeps waiting for it
 *   bit 8..    RWSEM_READER_BIAS     one unit per reader
 *
 *   down_read(sem)   add a reader bias (acquire); if a writer holds it or
 *                    there are waiters, take the bias back and sleep
 *   up_read(sem)     drop the bias (release); the last reader wakes waiters
 *   down_write(sem)  0 -> WRITER_LOCKED by cmpxchg (acquire), else sleep
 *   up_write(sem)    drop WRITER_LOCKED (release) and wake waiters
 *   down_read_trylock / down_write_trylock, downgrade_write
 *
 * Linux queues waiters on sem->wait_list and hands the lock over; here a
 * waiter sleeps in wait_var_event style on &sem->count (prepare_to_wait_var,
 * then in one atomic step either take the lock or set RWSEM_FLAG_WAITERS,
 * then schedule()), and whoever releases the lock with FLAG_WAITERS set
 * clears it and wakes every waiter, which then competes again. Waiters
 * announce themselves (HC_WAIT) with the caller's lock expression and
 * source line, so a deadlock ends as a hang report such as
 * "down_write(&mm->mmap_lock) at scenarios/x.c:42".
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/atomic.h>

struct rw_semaphore {
	atomic_long_t count;
	long owner;			/* the writer's cpu + 1, for reports; 0: none */
};

#define RWSEM_WRITER_LOCKED	(1UL << 0)
#define RWSEM_FLAG_WAITERS	(1UL << 1)
#define RWSEM_READER_SHIFT	8
#define RWSEM_READER_BIAS	(1UL << RWSEM_READER_SHIFT)
#define RWSEM_READER_MASK	(~(RWSEM_READER_BIAS - 1))
#define RWSEM_WRITER_MASK	RWSEM_WRITER_LOCKED
#define RWSEM_LOCK_MASK		(RWSEM_WRITER_MASK | RWSEM_READER_MASK)
#define RWSEM_READ_FAILED_MASK	(RWSEM_WRITER_MASK | RWSEM_FLAG_WAITERS)

#define __RWSEM_INITIALIZER(name)	{ .count = ATOMIC_LONG_INIT(0), .owner = 0 }
#define DECLARE_RWSEM(name)	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

static inline void init_rwsem(struct rw_semaphore *sem)
{
	atomic_long_set(&sem->count, 0);
	sem->owner = 0;
}

static inline bool rwsem_is_locked(struct rw_semaphore *sem)
{
	return atomic_long_read(&sem->count) & RWSEM_LOCK_MASK;
}

static inline bool rwsem_is_write_locked(struct rw_semaphore *sem)
{
	return atomic_long_read(&sem->count) & RWSEM_WRITER_LOCKED;
}

/* "what" names the caller's lock operation for the hang oracle */
void __down_read(struct rw_semaphore *sem, const char *what);
void __down_write(struct rw_semaphore *sem, const char *what);
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

#define __rwsem_what(op, sem)	op "(" #sem ") at " __FILE__ ":" __stringify(__LINE__)
#define down_read(sem)		__down_read((sem), __rwsem_what("down_read", sem))
#define down_write(sem)		__down_write((sem), __rwsem_what("down_write", sem))

#endif /* _LINUX_RWSEM_H */
