/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Spinlocks: a fair ticket lock.
 *
 *   lock:   t = atomic fetch_add_acquire(next, 1); spin until
 *           smp_load_acquire(owner) == t (cpu_relax() while waiting)
 *   unlock: smp_store_release(owner, owner + 1)
 *
 * So a critical section is an acquire/release pair on every arch (LDADDA +
 * LDARH/STLRH on arm64, LOCK XADD + plain MOV on x86). The _irq/_irqsave
 * forms mask local interrupts around it, as in Linux.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/compiler.h>
#include <linux/spinlock_types.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/bug.h>
#include <asm/barrier.h>
#include <asm/processor.h>

static __always_inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u32 old = __atomic_fetch_add(&lock->val, 1U << 16, __ATOMIC_ACQUIRE);
	u16 ticket = old >> 16;

	if (likely((u16)old == ticket))
		return;
	while (smp_load_acquire(&lock->tickets.owner) != ticket)
		cpu_relax();
}

static __always_inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	u32 old = READ_ONCE(lock->val);

	if ((old >> 16) != (old & 0xffff))
		return false;
	return __atomic_compare_exchange_n(&lock->val, &old, old + (1U << 16), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static __always_inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	u16 owner = READ_ONCE(lock->tickets.owner);

	smp_store_release(&lock->tickets.owner, (u16)(owner + 1));
}

static __always_inline bool arch_spin_is_locked(arch_spinlock_t *lock)
{
	u32 v = READ_ONCE(lock->val);

	return (v >> 16) != (v & 0xffff);
}

#define spin_lock_init(l)	do { *(l) = (spinlock_t)__SPIN_LOCK_UNLOCKED(l); } while (0)

static __always_inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	arch_spin_lock(&l->raw_lock);
}

static __always_inline bool spin_trylock(spinlock_t *l)
{
	preempt_disable();
	if (arch_spin_trylock(&l->raw_lock))
		return true;
	preempt_enable();
	return false;
}

static __always_inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(&l->raw_lock);
	preempt_enable();
}

static __always_inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	spin_lock(l);
}

static __always_inline void spin_unlock_irq(spinlock_t *l)
{
	spin_unlock(l);
	local_irq_enable();
}

#define spin_lock_irqsave(l, flags) do {				\
	local_irq_save(flags);						\
	spin_lock(l);							\
} while (0)

static __always_inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	local_irq_restore(flags);
}

static __always_inline bool spin_is_locked(spinlock_t *l)
{
	return arch_spin_is_locked(&l->raw_lock);
}

#define assert_spin_locked(l)	BUG_ON(!spin_is_locked(l))

#define raw_spin_lock			spin_lock
#define raw_spin_unlock			spin_unlock
#define raw_spin_lock_irqsave		spin_lock_irqsave
#define raw_spin_unlock_irqrestore	spin_unlock_irqrestore

#endif /* _LINUX_SPINLOCK_H */
