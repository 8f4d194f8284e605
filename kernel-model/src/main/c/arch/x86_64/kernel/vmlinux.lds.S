/* SPDX-License-Identifier: GPL-2.0-or-later */
/* x86_64 kernel image layout: see <asm-generic/vmlinux.lds.h>, <mmulab/boot.h>. */
#include <linux/cache.h>
#include <linux/threads.h>
#include <asm/page.h>
#include <asm-generic/vmlinux.lds.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(startup_64)

KERNEL_PHDRS

SECTIONS
{
	KERNEL_SECTIONS
}

KERNEL_ASSERTS
