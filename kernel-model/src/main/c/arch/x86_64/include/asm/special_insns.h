/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_SPECIAL_INSNS_H
#define _ASM_X86_SPECIAL_INSNS_H

#include <linux/types.h>

/* mov from / to control register CR<nr>; a write is also a compiler barrier */
#define __mov_from_cr(nr)						\
({									\
	unsigned long __val;						\
	asm volatile("mov %%cr" #nr ", %0" : "=r"(__val));		\
	__val;								\
})

#define __mov_to_cr(nr, val)						\
	asm volatile("mov %0, %%cr" #nr : : "r"(val) : "memory")

static inline unsigned long native_read_cr0(void)	{ return __mov_from_cr(0); }
static inline void native_write_cr0(unsigned long val)	{ __mov_to_cr(0, val); }
static inline unsigned long native_read_cr2(void)	{ return __mov_from_cr(2); }
static inline unsigned long __native_read_cr3(void)	{ return __mov_from_cr(3); }
/* Loading CR3 flushes every non-global TLB entry of this CPU. */
static inline void native_write_cr3(unsigned long val)	{ __mov_to_cr(3, val); }
static inline unsigned long native_read_cr4(void)	{ return __mov_from_cr(4); }
static inline void native_write_cr4(unsigned long val)	{ __mov_to_cr(4, val); }

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
