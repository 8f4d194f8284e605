/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

/* GDT layout: 0 null, 1 unused, 2 kernel code (64-bit), 3 kernel data */
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRIES		4
#define __KERNEL_CS		(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS		(GDT_ENTRY_KERNEL_DS * 8)

#define NUM_EXCEPTION_VECTORS	32
#define FIRST_EXTERNAL_VECTOR	32	/* interrupts: vectors 32..255 */
#define NR_VECTORS		256
#define IDT_STUB_SIZE		16	/* bytes per stub in idt_entries / irq_entries_start */

#endif /* _ASM_X86_SEGMENT_H */
