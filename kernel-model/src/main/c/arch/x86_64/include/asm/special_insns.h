/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_SPECIAL_INSNS_H
#define _ASM_X86_SPECIAL_INSNS_H

#include <linux/types.h>

static inline unsigned long native_read_cr0(void)
{
	unsigned long val;

	asm volatile("mov %%cr0, %0" : "=r"(val));
	return val;
}

static inline void native_write_cr0(unsigned long val)
{
	asm volatile("mov %0, %%cr0" : : "r"(val) : "memory");
}

static inline unsigned long native_read_cr2(void)
{
	unsigned long val;

	asm volatile("mov %%cr2, %0" : "=r"(val));
	return val;
}

static inline unsigned long __native_read_cr3(void)
{
	unsigned long val;

	asm volatile("mov %%cr3, %0" : "=r"(val));
	return val;
}

/* Loading CR3 flushes every non-global TLB entry of this CPU. */
static inline void native_write_cr3(unsigned long val)
{
	asm volatile("mov %0, %%cr3" : : "r"(val) : "memory");
}

static inline unsigned long native_read_cr4(void)
{
	unsigned long val;

	asm volatile("mov %%cr4, %0" : "=r"(val));
	return val;
}

static inline void native_write_cr4(unsigned long val)
{
	asm volatile("mov %0, %%cr4" : : "r"(val) : "memory");
}

#define read_cr0()	native_read_cr0()
#define write_cr0(x)	native_write_cr0(x)
#define read_cr2()	native_read_cr2()
#define __read_cr3()	__native_read_cr3()
#define write_cr3(x)	native_write_cr3(x)
#define __read_cr4()	native_read_cr4()

static inline void native_halt(void)
{
	asm volatile("hlt" : : : "memory");
}

#endif /* _ASM_X86_SPECIAL_INSNS_H */
