/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 boot entry points. See <mmulab/boot.h> for the whole sequence.
 *
 * The emulator starts a vCPU in 64-bit mode with paging off (CR0.PG clear,
 * virtual == physical) and rdi = cpu, rsi = nr_cpus, rdx = memory bytes.
 * To turn paging on: CR4.PAE (unicorn ignores CR0.PG without it, as the
 * hardware would fault), CR3 = early_top_pgt, EFER.LME (long mode) and
 * EFER.NX (so the final tables may use NX), then CR0.PG | WP.
 */
#include <linux/linkage.h>
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>
#include <asm/segment.h>
#include <mmulab/boot.h>

/* pgd / pud indices of the three early mappings (checked in setup.c) */
#define EARLY_PGD_IDENTITY	0	/* 0 */
#define EARLY_PGD_DIRECT_MAP	273	/* pgd_index(PAGE_OFFSET) */
#define EARLY_PGD_KERNEL	511	/* pgd_index(__START_KERNEL_map) */
#define EARLY_PUD_KERNEL	510	/* pud_index(__START_KERNEL_map) */

#define EARLY_PMD_FLAGS		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE)

	.code64
	.section ".head.text", "ax"

/* vCPU 0, the ELF entry */
SYM_CODE_START(startup_64)
	cli
	cld
	mov	%rdi, %r12		/* cpu */
	mov	%rsi, %r13		/* nr_cpus */
	mov	%rdx, %r14		/* memory bytes */
	xor	%r15d, %r15d		/* stay on the early tables */
	jmp	.Lenable_paging
SYM_CODE_END(startup_64)

/* vCPU 1..n-1, started at the address CPU 0 put in mmulab_spin_table */
SYM_CODE_START(secondary_startup_64)
	cli
	cld
	mov	%rdi, %r12
	mov	%rsi, %r13
	mov	%rdx, %r14
	mov	secondary_pgdir(%rip), %r15	/* the final tables, from CPU 0 */

.Lenable_paging:
	mov	%cr4, %rax
	or	$(X86_CR4_PAE | X86_CR4_PGE), %eax
	mov	%rax, %cr4

	lea	early_top_pgt(%rip), %rax
	mov	%rax, %cr3

	mov	$MSR_EFER, %ecx
	rdmsr
	or	$(EFER_LME | EFER_NX), %eax
	wrmsr

	mov	%cr0, %rax
	or	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP), %eax
	mov	%rax, %cr0

	/* now at the kernel image VA */
	movabs	$common_startup_64, %rax
	jmp	*%rax
SYM_CODE_END(secondary_startup_64)

	.text
SYM_CODE_START_LOCAL(common_startup_64)
	/* stack: top of this CPU's slot in cpu_stacks */
	lea	1(%r12), %rax
	imul	$CPU_STACK_STRIDE, %rax, %rax
	lea	cpu_stacks(%rip), %rsp
	add	%rax, %rsp
	xor	%ebp, %ebp

	/* our own GDT, and reload every segment register from it */
	lgdt	early_gdt_descr(%rip)
	mov	$__KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs
	pushq	$__KERNEL_CS
	lea	.Lon_kernel_cs(%rip), %rax
	pushq	%rax
	lretq
.Lon_kernel_cs:
	/* a secondary leaves the identity map behind right here */
	test	%r15, %r15
	jz	1f
	mov	%r15, %cr3
1:
	mov	%r12, %rdi
	test	%r12, %r12
	jnz	2f
	mov	%r13, %rsi
	mov	%r14, %rdx
	call	start_kernel
	ud2
2:	call	secondary_start_kernel
	ud2
SYM_CODE_END(common_startup_64)

	.data
	.balign	16
/* null, unused, kernel code (64-bit, accessed), kernel data (accessed) */
SYM_DATA_START(gdt_page)
	.quad	0
	.quad	0
	.quad	0x00af9b000000ffff
	.quad	0x00cf93000000ffff
SYM_DATA_END(gdt_page)

	.balign	16
SYM_DATA_START_LOCAL(early_gdt_descr)
	.word	GDT_ENTRIES * 8 - 1
	.quad	gdt_page
SYM_DATA_END(early_gdt_descr)

/*
 * The early tables (VA == PA): the first EARLY_MAP_SIZE (1 GiB) of physical
 * memory with 2 MiB pages, three times over through one shared pud and pmd
 * page: at 0 (identity), PAGE_OFFSET and __START_KERNEL_map. Only used
 * until the CPU switches to init_top_pgt.
 */
	.section ".head.data", "aw"
	.balign	PAGE_SIZE
SYM_DATA_START(early_top_pgt)
	.quad	early_level3_pgt + _KERNPG_TABLE
	.org	early_top_pgt + EARLY_PGD_DIRECT_MAP * 8
	.quad	early_level3_pgt + _KERNPG_TABLE
	.org	early_top_pgt + EARLY_PGD_KERNEL * 8
	.quad	early_level3_pgt + _KERNPG_TABLE
SYM_DATA_END(early_top_pgt)

	.balign	PAGE_SIZE
SYM_DATA_START(early_level3_pgt)
	.quad	early_level2_pgt + _KERNPG_TABLE
	.org	early_level3_pgt + EARLY_PUD_KERNEL * 8
	.quad	early_level2_pgt + _KERNPG_TABLE
	.org	early_level3_pgt + PAGE_SIZE
SYM_DATA_END(early_level3_pgt)

SYM_DATA_START(early_level2_pgt)
	i = 0
	.rept	PTRS_PER_PMD
	.quad	(i << PMD_SHIFT) + EARLY_PMD_FLAGS
	i = i + 1
	.endr
SYM_DATA_END(early_level2_pgt)

	.section .note.GNU-stack, "", %progbits
