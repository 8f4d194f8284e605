// SPDX-License-Identifier: GPL-2.0-or-later
/* CHECK() failures (<mmulab/check.h>): HC_CHECK with the formatted message. */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <mmulab/check.h>
#include <mmulab/hypercall.h>

void __noreturn __cold __mmulab_check_failed(const char *file, int line, const char *fmt, ...)
{
	char buf[PRINTK_LINE_MAX];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);

	local_irq_disable();
	mmulab_hypercall(HC_CHECK, (unsigned long)file, line, (unsigned long)buf,
			 (unsigned long)__builtin_return_address(0));
	/* fatal; an emulator that goes on (or does not know HC_CHECK) gets a BUG */
	__mmulab_bug(file, line, buf);
}
