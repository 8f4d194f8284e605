// SPDX-License-Identifier: GPL-2.0-or-later
/* BUG / WARN / panic / oops: report to the emulator through HC_BUG / HC_WARN / HC_OOPS. */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/irqflags.h>
#include <asm/processor.h>
#include <mmulab/hypercall.h>

/*
 * caller: the return address into the function that hit the BUG/WARN, so
 * the emulator names its line rather than this file's.
 */
static void __noreturn report_bug(const char *file, int line, const char *msg, void *caller)
{
	local_irq_disable();
	mmulab_hypercall(HC_BUG, (unsigned long)file, line, (unsigned long)msg, (unsigned long)caller);
	/* HC_BUG is fatal; should the emulator ever resume us, stay put */
	cpu_park_loop();
}

static void report_warn(const char *file, int line, const char *msg, void *caller)
{
	mmulab_hypercall(HC_WARN, (unsigned long)file, line, (unsigned long)msg, (unsigned long)caller);
}

void __noreturn __cold __mmulab_bug(const char *file, int line, const char *msg)
{
	report_bug(file, line, msg, __builtin_return_address(0));
}

void __cold __mmulab_warn(const char *file, int line, const char *msg)
{
	report_warn(file, line, msg, __builtin_return_address(0));
}

void __noreturn __cold __mmulab_bug_fmt(const char *file, int line, const char *fmt, ...)
{
	char buf[PRINTK_LINE_MAX];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	report_bug(file, line, buf, __builtin_return_address(0));
}

void __cold __mmulab_warn_fmt(const char *file, int line, const char *fmt, ...)
{
	char buf[PRINTK_LINE_MAX];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	report_warn(file, line, buf, __builtin_return_address(0));
}

/*
 * The end of an oops (the arch fault handler has printed the report): tell
 * the emulator, which ends the run with a failure. As with HC_BUG, should
 * the hypercall return, this CPU parks with interrupts masked.
 */
void __noreturn __cold __mmulab_oops(unsigned long addr, unsigned long code, unsigned long ip)
{
	local_irq_disable();
	mmulab_hypercall(HC_OOPS, addr, code, ip, 0);
	cpu_park_loop();
}
