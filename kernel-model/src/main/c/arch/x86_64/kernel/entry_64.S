/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Exception entry: one 16-byte stub per vector 0..31 (the IDT points at
 * early_idt_handler_array + 16 * vector). Each pushes a zero error code if
 * the CPU did not, then the vector number, and jumps to the common code,
 * which saves the registers as a struct pt_regs and calls
 * do_early_exception(regs): every exception is unexpected so far and
 * reported as a BUG.
 */
#include <linux/linkage.h>
#include <asm/segment.h>

/* vectors whose exception frame carries an error code: 8, 10-14, 17, 21, 29, 30 */
#define EXCEPTION_ERRCODE_MASK	0x60227d00

	.text
	.balign	16
SYM_CODE_START(early_idt_handler_array)
	i = 0
	.rept	NUM_EXCEPTION_VECTORS
	.if	((EXCEPTION_ERRCODE_MASK >> i) & 1) == 0
	pushq	$0
	.endif
	pushq	$i
	jmp	early_idt_handler_common
	i = i + 1
	.fill	early_idt_handler_array + i * EARLY_IDT_HANDLER_SIZE - ., 1, 0xcc
	.endr
SYM_CODE_END(early_idt_handler_array)

SYM_CODE_START_LOCAL(early_idt_handler_common)
	cld
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	mov	%rsp, %rdi
	call	do_early_exception
1:	cli
	hlt
	jmp	1b
SYM_CODE_END(early_idt_handler_common)

	.section .note.GNU-stack, "", %progbits
