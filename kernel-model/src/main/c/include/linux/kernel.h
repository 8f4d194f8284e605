/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Everyday helpers: alignment, min/max, container_of, ARRAY_SIZE. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/const.h>

/* Alignment works in C, assembly and linker scripts; a must be a power of 2. */
#define __ALIGN_KERNEL_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define __ALIGN_KERNEL(x, a)		__ALIGN_KERNEL_MASK(x, (__typeof__(x))(a) - 1)

#ifndef __ASSEMBLER__

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/bug.h>

#define ALIGN(x, a)		__ALIGN_KERNEL((x), (a))
#define ALIGN_DOWN(x, a)	__ALIGN_KERNEL((x) - ((a) - 1), (a))
#define PTR_ALIGN(p, a)		((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define min(x, y)	({ __typeof__(x) _x = (x); __typeof__(y) _y = (y); \
			   (void)(&_x == &_y); _x < _y ? _x : _y; })
#define max(x, y)	({ __typeof__(x) _x = (x); __typeof__(y) _y = (y); \
			   (void)(&_x == &_y); _x > _y ? _x : _y; })
#define min_t(type, x, y)	({ type _x = (x); type _y = (y); _x < _y ? _x : _y; })
#define max_t(type, x, y)	({ type _x = (x); type _y = (y); _x > _y ? _x : _y; })

#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - offsetof(type, member))); })

#define U8_MAX		((u8)~0U)
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define INT_MAX		((int)(~0U >> 1))
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(~0U)
#define LONG_MAX	((long)(~0UL >> 1))
#define LONG_MIN	(-LONG_MAX - 1)
#define ULONG_MAX	(~0UL)

#endif /* __ASSEMBLER__ */
#endif /* _LINUX_KERNEL_H */
