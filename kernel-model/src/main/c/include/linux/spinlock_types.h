/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_SPINLOCK_TYPES_H
#define _LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>

/*
 * A ticket lock in one 32-bit word (little endian on both arches):
 * owner (low half) is the ticket being served, next (high half) the next
 * ticket to hand out. Unlocked when owner == next.
 */
typedef struct {
	union {
		u32 val;
		struct {
			u16 owner;
			u16 next;
		} tickets;
	};
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ { .val = 0 } }

typedef struct spinlock {
	arch_spinlock_t raw_lock;
} spinlock_t;

typedef spinlock_t raw_spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED }
#define DEFINE_SPINLOCK(name)		spinlock_t name = __SPIN_LOCK_UNLOCKED(name)
#define DEFINE_RAW_SPINLOCK(name)	raw_spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

#endif /* _LINUX_SPINLOCK_TYPES_H */
