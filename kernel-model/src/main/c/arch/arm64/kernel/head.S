/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 boot entry points. See <mmulab/boot.h> for the whole sequence.
 *
 * The emulator starts a vCPU at EL1 (EL1h, DAIF masked) with the MMU off
 * (virtual == physical) and x0 = cpu, x1 = nr_cpus, x2 = memory bytes.
 * __enable_mmu programs MAIR/TCR (48-bit VA both halves, 4 KiB granule),
 * TTBR0 = idmap_pg_dir, TTBR1 = x1, then sets SCTLR_EL1.M|C|I.
 *
 * Code here runs at its physical address: it may use ADR/ADRP for head
 * symbols, and must use literal pools (ldr xN, =sym) for kernel image
 * symbols (ADRP cannot reach them).
 */
#include <linux/linkage.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/pgtable-hwdef.h>
#include <mmulab/boot.h>

#define EARLY_BLOCK_FLAGS	(PMD_TYPE_SECT | PTE_AF | PTE_SHARED | PTE_ATTRINDX(MT_NORMAL))
#define EARLY_PGD_KERNEL	256	/* pgd_index(KIMAGE_VADDR) (checked in setup.c) */
#define SCTLR_MMU_ON		(SCTLR_ELx_M | SCTLR_ELx_C | SCTLR_ELx_I)
#define MAIR_EL1_VALUE		(MAIR_ATTRIDX(MAIR_ATTR_NORMAL, MT_NORMAL) | \
				 MAIR_ATTRIDX(MAIR_ATTR_DEVICE_nGnRE, MT_DEVICE_nGnRE))

	.section ".head.text", "ax"

/* vCPU 0, the ELF entry */
SYM_CODE_START(primary_entry)
	msr	daifset, #0xf
	mov	x19, x0			/* cpu */
	mov	x20, x1			/* nr_cpus */
	mov	x21, x2			/* memory bytes */
	adrp	x1, init_pg_dir		/* early kernel tables */
	bl	__enable_mmu
	ldr	x8, =__primary_switched
	br	x8
SYM_CODE_END(primary_entry)

/* vCPU 1..n-1, started at the address CPU 0 put in mmulab_spin_table */
SYM_CODE_START(secondary_entry)
	msr	daifset, #0xf
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	adrp	x1, secondary_pgdir	/* the final tables, from CPU 0 */
	ldr	x1, [x1, #:lo12:secondary_pgdir]
	bl	__enable_mmu
	ldr	x8, =__secondary_switched
	br	x8
SYM_CODE_END(secondary_entry)

/* x1 = physical address of the TTBR1 root; returns with the MMU on */
SYM_FUNC_START_LOCAL(__enable_mmu)
	ldr	x2, =MAIR_EL1_VALUE
	msr	mair_el1, x2
	ldr	x2, =TCR_EL1_VALUE
	msr	tcr_el1, x2
	adrp	x2, idmap_pg_dir
	msr	ttbr0_el1, x2
	msr	ttbr1_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	mrs	x2, sctlr_el1
	ldr	x3, =SCTLR_MMU_ON
	orr	x2, x2, x3
	msr	sctlr_el1, x2
	isb
	ret
SYM_FUNC_END(__enable_mmu)

	.ltorg

	.text
/* x19 = cpu: point sp at the top of this CPU's slot in cpu_stacks */
.macro	set_cpu_stack
	adrp	x8, cpu_stacks
	add	x8, x8, #:lo12:cpu_stacks
	add	x9, x19, #1
	ldr	x10, =CPU_STACK_STRIDE
	madd	x8, x9, x10, x8
	mov	sp, x8
	mov	x29, xzr
	mov	x30, xzr
.endm

SYM_CODE_START_LOCAL(__primary_switched)
	set_cpu_stack
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	start_kernel
	brk	#0x800
SYM_CODE_END(__primary_switched)

SYM_CODE_START_LOCAL(__secondary_switched)
	set_cpu_stack
	mov	x0, x19
	bl	secondary_start_kernel
	brk	#0x800
SYM_CODE_END(__secondary_switched)

	.ltorg

/*
 * The early tables (VA == PA): the first EARLY_MAP_SIZE (1 GiB) of physical
 * memory with 2 MiB blocks, through one shared level-1 and level-2 table:
 * identity via TTBR0 (idmap_pg_dir), and via TTBR1 (init_pg_dir) at
 * PAGE_OFFSET (pgd index 0) and KIMAGE_VADDR (pgd index 256).
 */
	.section ".head.data", "aw"
	.balign	PAGE_SIZE
SYM_DATA_START(idmap_pg_dir)
	.quad	early_pud + PMD_TYPE_TABLE
	.org	idmap_pg_dir + PAGE_SIZE
SYM_DATA_END(idmap_pg_dir)

SYM_DATA_START(init_pg_dir)
	.quad	early_pud + PMD_TYPE_TABLE
	.org	init_pg_dir + EARLY_PGD_KERNEL * 8
	.quad	early_pud + PMD_TYPE_TABLE
	.org	init_pg_dir + PAGE_SIZE
SYM_DATA_END(init_pg_dir)

SYM_DATA_START_LOCAL(early_pud)
	.quad	early_pmd + PMD_TYPE_TABLE
	.org	early_pud + PAGE_SIZE
SYM_DATA_END(early_pud)

SYM_DATA_START_LOCAL(early_pmd)
	i = 0
	.rept	PTRS_PER_PMD
	.quad	(i << PMD_SHIFT) + EARLY_BLOCK_FLAGS
	i = i + 1
	.endr
SYM_DATA_END(early_pmd)

	.section .note.GNU-stack, "", %progbits
