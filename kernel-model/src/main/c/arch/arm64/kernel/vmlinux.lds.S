/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arm64 kernel image layout: see <asm-generic/vmlinux.lds.h>, <mmulab/boot.h>. */
#include <linux/cache.h>
#include <linux/threads.h>
#include <asm/page.h>
#include <asm-generic/vmlinux.lds.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(primary_entry)

KERNEL_PHDRS

SECTIONS
{
	KERNEL_SECTIONS
}

KERNEL_ASSERTS
ASSERT(vectors % 2048 == 0, "VBAR_EL1 needs a 2 KiB aligned table")
