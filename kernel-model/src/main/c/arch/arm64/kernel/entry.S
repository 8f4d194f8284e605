/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The EL1 exception vector table (VBAR_EL1): 16 entries of 128 bytes, for
 * {current EL with SP_EL0, current EL with SP_ELx, lower EL AArch64, lower
 * EL AArch32} x {sync, IRQ, FIQ, SError}. Nothing is expected yet: each
 * entry passes its index and ESR/ELR/FAR/SPSR to do_unexpected_exception(),
 * which reports a BUG.
 */
#include <linux/linkage.h>

	.text
	.balign	2048
SYM_CODE_START(vectors)
	i = 0
	.rept	16
	.balign	128
	stp	x29, x30, [sp, #-16]!
	mov	x0, #i
	b	el1_unexpected
	i = i + 1
	.endr
SYM_CODE_END(vectors)

SYM_CODE_START_LOCAL(el1_unexpected)
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	mrs	x4, spsr_el1
	mov	x29, sp
	bl	do_unexpected_exception
1:	wfi
	b	1b
SYM_CODE_END(el1_unexpected)

	.section .note.GNU-stack, "", %progbits
