// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Read-write semaphores (<linux/rwsem.h>): Linux's count encoding and fast
 * paths (kernel/locking/rwsem.c), with sleeping waiters on a variable
 * instead of a wait list.
 *
 * The wake-up protocol, the same set-state-then-check as wait_var_event():
 *
 *	waiter					releaser
 *	prepare_to_wait_var(&sem->count)	count -= bias (release)
 *	  (record; smp_mb)			if count has WAITERS and no holder:
 *	one cmpxchg: take the lock, or		    fetch_andnot(WAITERS) (full)
 *	  set RWSEM_FLAG_WAITERS		    wake_up_var(&sem->count)
 *	if not taken: schedule()
 *
 * Both sides are read-modify-writes of the same count, so one comes
 * first: either the waiter's cmpxchg finds the lock free and takes it, or
 * the releaser's RMW finds WAITERS, and then (fully ordered after the
 * waiter's barrier) finds the waiter's record. Every waiter is woken and
 * tries again; the losers set WAITERS again before they sleep.
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/smp.h>
#include <linux/wait_bit.h>
#include <mmulab/wait.h>

static void rwsem_set_owner(struct rw_semaphore *sem)
{
	WRITE_ONCE(sem->owner, (long)smp_processor_id() + 1);
}

static void rwsem_clear_owner(struct rw_semaphore *sem)
{
	WRITE_ONCE(sem->owner, 0);
}

/* count is what the release left: wake the waiters if it was the last holder */
static void rwsem_wake_if_idle(struct rw_semaphore *sem, long count)
{
	if ((count & (RWSEM_LOCK_MASK | RWSEM_FLAG_WAITERS)) != RWSEM_FLAG_WAITERS)
		return;
	/* fully ordered: the barrier wake_up_var() needs before it looks */
	atomic_long_fetch_andnot(RWSEM_FLAG_WAITERS, &sem->count);
	wake_up_var(&sem->count);
}

/* one atomic step: a read lock if no writer holds it, else announce a waiter */
static bool rwsem_read_trylock_or_wait(struct rw_semaphore *sem)
{
	long c = atomic_long_read(&sem->count), new;

	do {
		if (c & RWSEM_WRITER_LOCKED)
			new = c | RWSEM_FLAG_WAITERS;
		else
			new = c + RWSEM_READER_BIAS;
	} while (!atomic_long_try_cmpxchg_acquire(&sem->count, &c, new));
	return !(c & RWSEM_WRITER_LOCKED);
}

/* one atomic step: the write lock if nobody holds it, else announce a waiter */
static bool rwsem_write_trylock_or_wait(struct rw_semaphore *sem)
{
	long c = atomic_long_read(&sem->count), new;

	do {
		if (c & RWSEM_LOCK_MASK)
			new = c | RWSEM_FLAG_WAITERS;
		else
			new = c | RWSEM_WRITER_LOCKED;
	} while (!atomic_long_try_cmpxchg_acquire(&sem->count, &c, new));
	return !(c & RWSEM_LOCK_MASK);
}

static void rwsem_down_slowpath(struct rw_semaphore *sem, bool (*try)(struct rw_semaphore *),
				const char *what)
{
	void *var = &sem->count;

	might_sleep();
	for (;;) {
		prepare_to_wait_var(var);
		if (try(sem))
			break;
		mmulab_wait(var, what);
		schedule();
	}
	finish_wait_var(var);
}

void __down_read(struct rw_semaphore *sem, const char *what)
{
	long count = atomic_long_add_return_acquire(RWSEM_READER_BIAS, &sem->count);

	if (likely(!(count & RWSEM_READ_FAILED_MASK)))
		return;
	/* a writer holds it or waits: take the bias back, and wake if it mattered */
	count = atomic_long_add_return(-(long)RWSEM_READER_BIAS, &sem->count);
	rwsem_wake_if_idle(sem, count);
	rwsem_down_slowpath(sem, rwsem_read_trylock_or_wait, what);
}

int down_read_trylock(struct rw_semaphore *sem)
{
	long c = atomic_long_read(&sem->count);

	while (!(c & RWSEM_READ_FAILED_MASK)) {
		if (atomic_long_try_cmpxchg_acquire(&sem->count, &c, c + RWSEM_READER_BIAS))
			return 1;
	}
	return 0;
}

void __down_write(struct rw_semaphore *sem, const char *what)
{
	long c = 0;

	if (unlikely(!atomic_long_try_cmpxchg_acquire(&sem->count, &c, RWSEM_WRITER_LOCKED)))
		rwsem_down_slowpath(sem, rwsem_write_trylock_or_wait, what);
	rwsem_set_owner(sem);
}

int down_write_trylock(struct rw_semaphore *sem)
{
	long c = atomic_long_read(&sem->count);

	while (!(c & RWSEM_LOCK_MASK)) {
		if (atomic_long_try_cmpxchg_acquire(&sem->count, &c, c | RWSEM_WRITER_LOCKED)) {
			rwsem_set_owner(sem);
			return 1;
		}
	}
	return 0;
}

void up_read(struct rw_semaphore *sem)
{
	long count;

	VM_BUG_ON(!(atomic_long_read(&sem->count) & RWSEM_READER_MASK));
	count = atomic_long_add_return_release(-(long)RWSEM_READER_BIAS, &sem->count);
	rwsem_wake_if_idle(sem, count);
}

void up_write(struct rw_semaphore *sem)
{
	long count;

	VM_BUG_ON(!(atomic_long_read(&sem->count) & RWSEM_WRITER_LOCKED));
	rwsem_clear_owner(sem);
	count = atomic_long_fetch_add_release(-(long)RWSEM_WRITER_LOCKED, &sem->count) -
		RWSEM_WRITER_LOCKED;
	rwsem_wake_if_idle(sem, count);
}

/* write lock -> read lock without letting a writer in between */
void downgrade_write(struct rw_semaphore *sem)
{
	long count;

	VM_BUG_ON(!(atomic_long_read(&sem->count) & RWSEM_WRITER_LOCKED));
	rwsem_clear_owner(sem);
	count = atomic_long_fetch_add_release(RWSEM_READER_BIAS - RWSEM_WRITER_LOCKED, &sem->count);
	/* waiting readers may join now; waiting writers go back to sleep */
	if (count & RWSEM_FLAG_WAITERS) {
		atomic_long_fetch_andnot(RWSEM_FLAG_WAITERS, &sem->count);
		wake_up_var(&sem->count);
	}
}
