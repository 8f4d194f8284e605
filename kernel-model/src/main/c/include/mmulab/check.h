/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scenario invariants:
 *
 *	CHECK(cond, fmt, ...)
 *
 * does nothing while cond holds; otherwise it formats the message and
 * reports HC_CHECK(__FILE__, __LINE__, message), which ends the run as a
 * failed check (the emulator prints "scenario check failed at
 * scenarios/NAME.c:LINE: message"). Fatal, like BUG(): should the
 * hypercall ever return, the CPU BUGs with the same message. cond is
 * evaluated once; the arguments only when it fails.
 */
#ifndef _MMULAB_CHECK_H
#define _MMULAB_CHECK_H

#include <linux/compiler.h>

__printf(3, 4) void __noreturn __mmulab_check_failed(const char *file, int line, const char *fmt, ...);

#define CHECK(cond, fmt, ...) do {					\
	if (unlikely(!(cond)))						\
		__mmulab_check_failed(__FILE__, __LINE__, fmt, ##__VA_ARGS__);	\
} while (0)

#endif /* _MMULAB_CHECK_H */
