/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_SECTIONS_H
#define _ASM_X86_SECTIONS_H

#include <asm-generic/sections.h>

/* The link address of a head symbol, as a 64-bit immediate. */
#define __pa_head_symbol(sym)						\
({									\
	unsigned long __a;						\
	asm("movabsq $" #sym ", %0" : "=r"(__a));			\
	(phys_addr_t)__a;						\
})

#endif /* _ASM_X86_SECTIONS_H */
