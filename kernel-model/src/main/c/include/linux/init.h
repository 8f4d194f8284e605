/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Boot-only code and data. Nothing is freed after boot (the image is small),
 * so __init only groups boot code for readers and for the debugger.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#define __init		__section(".init.text") __cold
#define __initdata	__section(".init.data")

#endif /* _LINUX_INIT_H */
