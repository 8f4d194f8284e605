/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 IDT entry code. Every vector has a 16-byte stub:
 *
 *   idt_entries + 16 * v        (v = 0..31, exceptions) -> exception_common
 *   irq_entries_start + 16 * (v - 32)  (v = 32..255)      -> interrupt_common
 *
 * A stub pushes a zero error code when the CPU does not push one, then the
 * vector, so every frame is a struct pt_regs once the common code has saved
 * the general registers (<asm/ptrace.h>). The common code calls
 * do_exception(regs) / common_interrupt(regs) with interrupts still masked
 * (interrupt gates), restores the registers and returns with iretq to
 * regs->ip (which a fixup may have changed).
 *
 * The CPU pushes its frame on a 16-byte aligned stack; 56 bytes of frame,
 * error code and vector plus 120 bytes of registers keep %rsp 16-byte
 * aligned at the call, as the C ABI wants.
 */
#include <linux/linkage.h>
#include <asm/segment.h>
#include <asm/ptrace.h>

/* vectors whose exception frame carries an error code: 8, 10-14, 17, 21, 29, 30 */
#define EXCEPTION_ERRCODE_MASK	0x60227d00

.macro PUSH_REGS
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
.endm

.macro POP_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

	.text
	.balign	16
SYM_CODE_START(idt_entries)
	i = 0
	.rept	NUM_EXCEPTION_VECTORS
	.if	((EXCEPTION_ERRCODE_MASK >> i) & 1) == 0
	pushq	$0
	.endif
	pushq	$i
	jmp	exception_common
	i = i + 1
	.fill	idt_entries + i * IDT_STUB_SIZE - ., 1, 0xcc
	.endr
SYM_CODE_END(idt_entries)

	.balign	16
SYM_CODE_START(irq_entries_start)
	i = FIRST_EXTERNAL_VECTOR
	.rept	NR_VECTORS - FIRST_EXTERNAL_VECTOR
	pushq	$0
	pushq	$i
	jmp	interrupt_common
	i = i + 1
	.fill	irq_entries_start + (i - FIRST_EXTERNAL_VECTOR) * IDT_STUB_SIZE - ., 1, 0xcc
	.endr
SYM_CODE_END(irq_entries_start)

SYM_CODE_START_LOCAL(exception_common)
	PUSH_REGS
	movq	%rsp, %rdi
	call	do_exception
	jmp	restore_regs_and_return_to_kernel
SYM_CODE_END(exception_common)

SYM_CODE_START_LOCAL(interrupt_common)
	PUSH_REGS
	movq	%rsp, %rdi
	call	common_interrupt
	jmp	restore_regs_and_return_to_kernel
SYM_CODE_END(interrupt_common)

SYM_CODE_START(restore_regs_and_return_to_kernel)
	POP_REGS
	addq	$16, %rsp		/* vector and error code */
	iretq
SYM_CODE_END(restore_regs_and_return_to_kernel)

	.section .note.GNU-stack, "", %progbits
