/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_SECTIONS_H
#define _ASM_ARM64_SECTIONS_H

/* kernel image boundaries from vmlinux.lds.S (kernel image VAs) */
extern char _text[], _stext[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char _end[];
/* the identity-linked head (VA == PA) */
extern char __head_start[], __head_end[];

/*
 * The physical address of a symbol in the identity-linked head section
 * (VA == PA, so its link address), via a literal pool entry: ADRP cannot
 * reach from the kernel image VA down to it. Kernel C code must use this,
 * not &sym.
 */
#define __pa_head_symbol(sym)						\
({									\
	unsigned long __a;						\
	asm("ldr %0, =" #sym : "=r"(__a));				\
	(phys_addr_t)__a;						\
})

#endif /* _ASM_ARM64_SECTIONS_H */
