/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The EL1 exception vector table (VBAR_EL1) and the entry/exit code.
 * 16 entries of 128 bytes: {current EL with SP_EL0, current EL with SP_ELx,
 * lower EL AArch64, lower EL AArch32} x {sync, IRQ, FIQ, SError}.
 *
 *   0x200 EL1h sync  -> el1h_64_sync_handler   (data/instruction aborts)
 *   0x280 EL1h IRQ   -> el1h_64_irq_handler    (IPIs)
 *   0x400 EL0  sync  -> el0t_64_sync_handler
 *   0x480 EL0  IRQ   -> el0t_64_irq_handler
 *   anything else    -> do_bad_vector (a BUG)
 *
 * kernel_entry saves x0..x30, the interrupted sp, ELR_EL1 and SPSR_EL1 as
 * a struct pt_regs (<asm/ptrace.h>) on the current stack (SP_EL1) and the
 * handler runs with DAIF masked as the exception left it; kernel_exit
 * restores them (ELR/SPSR from regs->pc/pstate, which a fixup may have
 * changed) and erets.
 *
 * A stack overflow into the unmapped guard page makes the first store of
 * kernel_entry fault again, and again: so the EL1h sync entry first checks
 * whether the exception came from the entry code itself and, if so,
 * reports the overflow with HC_BUG without touching the stack
 * (TPIDRRO_EL0 and TPIDR_EL0 serve as scratch: there is no user space).
 */
#include <linux/linkage.h>
#include <asm/ptrace.h>
#include <mmulab/hypercall.h>

.macro kernel_entry_rest, el
	/* x0, x1 are saved already; sp points at the new frame */
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	.if	\el == 0
	mrs	x21, sp_el0
	.else
	add	x21, sp, #PT_REGS_SIZE
	.endif
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x30, x21, [sp, #S_LR]
	stp	x22, x23, [sp, #S_PC]
.endm

.macro kernel_exit, el
	ldp	x21, x22, [sp, #S_PC]
	.if	\el == 0
	ldr	x23, [sp, #S_SP]
	msr	sp_el0, x23
	.endif
	msr	elr_el1, x21
	msr	spsr_el1, x22
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #S_LR]
	add	sp, sp, #PT_REGS_SIZE
	eret
.endm

/* a handled vector: make room for pt_regs, save x0/x1, go on */
.macro kernel_ventry, label
	.balign	128
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	b	\label
.endm

/* an unexpected vector: the same, with its index in x1 */
.macro invalid_ventry, idx
	.balign	128
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	mov	x1, #\idx
	b	el_invalid
.endm

	.section ".entry.text", "ax"
	.balign	2048
SYM_CODE_START(vectors)
	invalid_ventry	0		/* EL1t sync */
	invalid_ventry	1		/* EL1t IRQ */
	invalid_ventry	2		/* EL1t FIQ */
	invalid_ventry	3		/* EL1t SError */

	/* EL1h sync, with the stack-overflow check */
	.balign	128
	msr	tpidrro_el0, x0
	msr	tpidr_el0, x1
	mrs	x0, elr_el1
	adr	x1, vectors
	cmp	x0, x1
	b.lo	1f
	ldr	x1, =__entry_text_end
	cmp	x0, x1
	b.lo	__bad_stack
1:	mrs	x0, tpidrro_el0
	mrs	x1, tpidr_el0
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	b	el1h_64_sync

	kernel_ventry	el1h_64_irq	/* EL1h IRQ */
	invalid_ventry	6		/* EL1h FIQ */
	invalid_ventry	7		/* EL1h SError */

	kernel_ventry	el0t_64_sync	/* EL0 AArch64 sync */
	kernel_ventry	el0t_64_irq	/* EL0 AArch64 IRQ */
	invalid_ventry	10		/* EL0 AArch64 FIQ */
	invalid_ventry	11		/* EL0 AArch64 SError */

	invalid_ventry	12		/* EL0 AArch32 sync */
	invalid_ventry	13		/* EL0 AArch32 IRQ */
	invalid_ventry	14		/* EL0 AArch32 FIQ */
	invalid_ventry	15		/* EL0 AArch32 SError */
	.balign	128
SYM_CODE_END(vectors)

SYM_CODE_START_LOCAL(el1h_64_sync)
	kernel_entry_rest 1
	mov	x0, sp
	bl	el1h_64_sync_handler
	b	ret_to_kernel
SYM_CODE_END(el1h_64_sync)

SYM_CODE_START_LOCAL(el1h_64_irq)
	kernel_entry_rest 1
	mov	x0, sp
	bl	el1h_64_irq_handler
	b	ret_to_kernel
SYM_CODE_END(el1h_64_irq)

SYM_CODE_START_LOCAL(ret_to_kernel)
	kernel_exit 1
SYM_CODE_END(ret_to_kernel)

SYM_CODE_START_LOCAL(el0t_64_sync)
	kernel_entry_rest 0
	mov	x0, sp
	bl	el0t_64_sync_handler
	b	ret_to_user
SYM_CODE_END(el0t_64_sync)

SYM_CODE_START_LOCAL(el0t_64_irq)
	kernel_entry_rest 0
	mov	x0, sp
	bl	el0t_64_irq_handler
	b	ret_to_user
SYM_CODE_END(el0t_64_irq)

SYM_CODE_START_LOCAL(ret_to_user)
	kernel_exit 0
SYM_CODE_END(ret_to_user)

/* x1 = vector index; do_bad_vector() does not return */
SYM_CODE_START_LOCAL(el_invalid)
	kernel_entry_rest 1
	mov	x0, sp
	bl	do_bad_vector
1:	wfi
	b	1b
SYM_CODE_END(el_invalid)

/* an exception inside the entry code: the stack is unusable */
SYM_CODE_START_LOCAL(__bad_stack)
	ldr	x0, =.Lbad_stack_file
	mov	x1, #0
	ldr	x2, =.Lbad_stack_msg
	mov	x8, #HC_BUG
	hvc	#0
1:	msr	daifset, #0xf
	wfi
	b	1b
SYM_CODE_END(__bad_stack)

	.ltorg
SYM_CODE_START_LOCAL(__entry_text_end)
SYM_CODE_END(__entry_text_end)

	.section ".rodata.str", "aMS", %progbits, 1
.Lbad_stack_file:
	.asciz	"arch/arm64/kernel/entry.S"
.Lbad_stack_msg:
	.asciz	"kernel stack overflow: exception in the exception entry code (sp unusable)"

	.section .note.GNU-stack, "", %progbits
