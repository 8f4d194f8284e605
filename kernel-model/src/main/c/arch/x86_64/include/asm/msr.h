/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_MSR_H
#define _ASM_X86_MSR_H

#include <asm/msr-index.h>

#ifndef __ASSEMBLER__
#include <linux/types.h>

static inline u64 native_read_msr(unsigned int msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void native_write_msr(unsigned int msr, u64 val)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32)) : "memory");
}

#define rdmsrl(msr, val)	((val) = native_read_msr(msr))
#define wrmsrl(msr, val)	native_write_msr((msr), (val))
#endif

#endif /* _ASM_X86_MSR_H */
