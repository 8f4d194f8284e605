/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>
#include <asm/segment.h>

struct desc_ptr {
	u16 size;
	u64 address;
} __attribute__((packed));

/* a 64-bit interrupt gate */
typedef struct gate_struct {
	u16 offset_low;
	u16 segment;
	u16 bits;		/* ist:3, zero:5, type:5 (0xe), dpl:2, p:1 */
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __attribute__((packed)) gate_desc;

#define GATE_INTERRUPT		0xe

static inline void load_idt(const struct desc_ptr *dtr)
{
	asm volatile("lidt %0" : : "m"(*dtr));
}

#endif /* _ASM_X86_DESC_H */
