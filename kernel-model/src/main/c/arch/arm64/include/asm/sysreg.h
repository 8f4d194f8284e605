/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_SYSREG_H
#define _ASM_ARM64_SYSREG_H

#ifndef __ASSEMBLER__
#include <linux/compiler.h>

#define read_sysreg(r) ({						\
	unsigned long __val;						\
	asm volatile("mrs %0, " __stringify(r) : "=r"(__val));		\
	__val;								\
})

#define write_sysreg(v, r) do {						\
	unsigned long __val = (unsigned long)(v);			\
	asm volatile("msr " __stringify(r) ", %x0" : : "rZ"(__val) : "memory"); \
} while (0)

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define dmb(opt)	asm volatile("dmb " #opt : : : "memory")
#endif

#endif /* _ASM_ARM64_SYSREG_H */
