/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Section boundaries of the kernel image, as vmlinux.lds.S (through
 * <asm-generic/vmlinux.lds.h>) defines them for both arches. The arch's
 * <asm/sections.h> includes this and adds __pa_head_symbol(sym): the
 * physical address of a symbol in the identity-linked head (VA == PA, so
 * its link address). Kernel C code must use that, not &sym: the head is
 * not mapped at its link address once the early tables are gone.
 */
#ifndef _ASM_GENERIC_SECTIONS_H
#define _ASM_GENERIC_SECTIONS_H

/* kernel image boundaries (kernel image VAs) */
extern char _text[], _stext[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char _end[];
/* the identity-linked head (VA == PA) */
extern char __head_start[], __head_end[];

#endif /* _ASM_GENERIC_SECTIONS_H */
