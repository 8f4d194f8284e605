/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Basic fixed-width and kernel types (LP64 on both arches). */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#ifndef __ASSEMBLER__

#include <linux/stddef.h>

typedef signed char		s8;
typedef unsigned char		u8;
typedef signed short		s16;
typedef unsigned short		u16;
typedef signed int		s32;
typedef unsigned int		u32;
typedef signed long long	s64;
typedef unsigned long long	u64;

typedef s8  int8_t;
typedef u8  uint8_t;
typedef s16 int16_t;
typedef u16 uint16_t;
typedef s32 int32_t;
typedef u32 uint32_t;
typedef s64 int64_t;
typedef u64 uint64_t;

typedef unsigned long		uintptr_t;
typedef long			intptr_t;
typedef unsigned long		size_t;
typedef long			ssize_t;
typedef long			ptrdiff_t;

typedef u64			phys_addr_t;
typedef unsigned long		pgoff_t;
typedef long long		loff_t;
typedef unsigned int		gfp_t;

typedef _Bool			bool;
#define true	1
#define false	0

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;

typedef atomic64_t atomic_long_t;

/*
 * A callback queued for later (call_rcu()); struct rcu_head is the same
 * thing. Two words, so it overlays the list_head of a struct page.
 */
struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);

#endif /* __ASSEMBLER__ */
#endif /* _LINUX_TYPES_H */
