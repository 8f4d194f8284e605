/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_SECTIONS_H
#define _ASM_ARM64_SECTIONS_H

#include <asm-generic/sections.h>

/*
 * The link address of a head symbol, from a literal pool entry: ADRP
 * cannot reach from the kernel image VA down to the head, so &sym does not
 * even link.
 */
#define __pa_head_symbol(sym)						\
({									\
	unsigned long __a;						\
	asm("ldr %0, =" #sym : "=r"(__a));				\
	(phys_addr_t)__a;						\
})

#endif /* _ASM_ARM64_SECTIONS_H */
