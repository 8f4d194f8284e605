// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/kernel.h>
#include <linux/printk.h>
#include <mmulab/hypercall.h>

/* One call, one line, one HC_CONSOLE_WRITE. */
int vprintk(const char *fmt, va_list args)
{
	char buf[PRINTK_LINE_MAX];
	int len;

	/* a KERN_<level> marker is accepted and dropped */
	while (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;

	len = vsnprintf(buf, sizeof(buf), fmt, args);
	if (len > (int)sizeof(buf) - 1)
		len = sizeof(buf) - 1;
	if (len > 0)
		mmulab_hypercall(HC_CONSOLE_WRITE, (unsigned long)buf, len, 0, 0);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}
