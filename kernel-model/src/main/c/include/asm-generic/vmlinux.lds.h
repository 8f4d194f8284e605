/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pieces of the kernel linker script shared by both arches. The arch script
 * sets KIMAGE_OFFSET (kernel image VA - PA) and the output format.
 *
 * Program headers: one PT_LOAD per permission, p_paddr = physical address.
 *   head_text  R X  .head.text                 VA == PA
 *   head_data  RW   .head.data                 VA == PA
 *   text       R X  .entry.text .text .fixup .init.text   VA == PA + KIMAGE_OFFSET
 *   rodata     R    .rodata, __ex_table (__start___ex_table .. __stop___ex_table)
 *   data       RW   .data .data..percpu .bss .bss..stacks
 */
#ifndef _ASM_GENERIC_VMLINUX_LDS_H
#define _ASM_GENERIC_VMLINUX_LDS_H

#include <mmulab/boot.h>

#define KERNEL_PHDRS							\
PHDRS									\
{									\
	head_text PT_LOAD FLAGS(5);					\
	head_data PT_LOAD FLAGS(6);					\
	text PT_LOAD FLAGS(5);						\
	rodata PT_LOAD FLAGS(4);					\
	data PT_LOAD FLAGS(6);						\
}

#define AT_PA(sec)	AT(ADDR(sec) - KIMAGE_OFFSET)

#define KERNEL_SECTIONS							\
	. = LOAD_PHYSICAL_ADDR;						\
	__head_start = .;						\
	.head.text : {							\
		KEEP(*(.head.text))					\
	} :head_text							\
	. = ALIGN(PAGE_SIZE);						\
	.head.data : {							\
		KEEP(*(.head.data))					\
	} :head_data							\
	. = ALIGN(PAGE_SIZE);						\
	__head_end = .;							\
									\
	/* from here on: kernel image VA = PA + KIMAGE_OFFSET */	\
	. += KIMAGE_OFFSET;						\
	_text = .;							\
	.text : AT_PA(.text) {						\
		_stext = .;						\
		*(.entry.text)						\
		*(.text .text.*)					\
		*(.fixup)						\
		*(.init.text)						\
	} :text								\
	. = ALIGN(PAGE_SIZE);						\
	_etext = .;							\
									\
	.rodata : AT_PA(.rodata) {					\
		__start_rodata = .;					\
		*(.rodata .rodata.*)					\
		. = ALIGN(8);						\
		__start___ex_table = .;					\
		KEEP(*(__ex_table))					\
		__stop___ex_table = .;					\
	} :rodata							\
	. = ALIGN(PAGE_SIZE);						\
	__end_rodata = .;						\
									\
	/* CPU 0's per-CPU area, then room for the other CPUs' copies */ \
	.data..percpu : AT_PA(.data..percpu) {				\
		_sdata = .;						\
		__per_cpu_load = .;					\
		__per_cpu_start = .;					\
		*(.data..percpu..first)					\
		*(.data..percpu)					\
		. = ALIGN(L1_CACHE_BYTES);				\
		__per_cpu_end = .;					\
		. += (__per_cpu_end - __per_cpu_start) * (NR_CPUS - 1);	\
	} :data								\
	.data : AT_PA(.data) {						\
		*(.data .data.*)					\
		*(.init.data)						\
	} :data								\
	_edata = .;							\
	. = ALIGN(PAGE_SIZE);						\
	.bss : AT_PA(.bss) {						\
		__bss_start = .;					\
		*(.bss..page_aligned)					\
		*(.bss .bss.*)						\
		*(COMMON)						\
		. = ALIGN(PAGE_SIZE);					\
		__bss_stop = .;						\
	} :data								\
	/* not cleared at boot; guard pages stay unmapped */		\
	.bss..stacks (NOLOAD) : AT_PA(.bss..stacks) {			\
		cpu_stacks = .;						\
		. += CPU_STACK_STRIDE * NR_CPUS;			\
	} :data								\
	_end = .;							\
									\
	/DISCARD/ : {							\
		*(.eh_frame) *(.note.GNU-stack) *(.note.gnu.property)	\
		*(.comment) *(.discard) *(.discard.*)			\
	}

#define KERNEL_ASSERTS							\
	ASSERT(pcpu_hot == __per_cpu_start, "pcpu_hot must be the first per-CPU variable") \
	ASSERT(ADDR(.head.text) == LOAD_PHYSICAL_ADDR, "head must start at LOAD_PHYSICAL_ADDR") \
	ASSERT(_end - KIMAGE_OFFSET <= EARLY_MAP_SIZE, "image beyond the early map")

#endif /* _ASM_GENERIC_VMLINUX_LDS_H */
