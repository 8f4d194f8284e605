/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printk: formats into a buffer on the caller's stack and hands the whole
 * line to the emulator in ONE HC_CONSOLE_WRITE hypercall, so lines printed by
 * different vCPUs never interleave. At most PRINTK_LINE_MAX - 1 bytes per
 * call are written (longer output is truncated). A leading KERN_<level>
 * marker is accepted and stripped; there is no log buffer and no level
 * filtering.
 *
 * Formats: %d %i %u %x %X %o %c %s %p %% with l / ll / z / h / hh length
 * modifiers, '-' '0' '+' ' ' '#' flags and a field width / precision
 * (numbers or '*'). %p prints a raw hexadecimal address (0x...), unhashed.
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <stdarg.h>

#define PRINTK_LINE_MAX	256

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

__printf(1, 2) int printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);

__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	do { if (0) printk(KERN_DEBUG fmt, ##__VA_ARGS__); } while (0)

#endif /* _LINUX_PRINTK_H */
