/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * BUG / WARN, reported to the emulator with the source position:
 *   BUG(), BUG_ON(cond), panic(fmt, ...)  -> HC_BUG (fatal; the emulator
 *                                            stops the run; should the
 *                                            hypercall ever return, the CPU
 *                                            parks with interrupts off)
 *   WARN_ON(cond), WARN(cond, fmt, ...)   -> HC_WARN (reported, runs on)
 *   an unhandled kernel page fault        -> HC_OOPS (fatal), from the arch
 *                                            fault handler via __mmulab_oops
 * __FILE__ is relative to the kernel-model / guest-images C source roots
 * (the build maps the prefix away), e.g. "mm/memblock.c".
 * VM_BUG_ON / VM_WARN_ON are compiled in unless CONFIG_DEBUG_VM is set to 0.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

#ifndef __ASSEMBLER__

#include <linux/types.h>

void __noreturn __mmulab_bug(const char *file, int line, const char *msg);
void __mmulab_warn(const char *file, int line, const char *msg);
__printf(3, 4) void __noreturn __mmulab_bug_fmt(const char *file, int line, const char *fmt, ...);
__printf(3, 4) void __mmulab_warn_fmt(const char *file, int line, const char *fmt, ...);
/* an unhandled kernel fault, after the oops report: HC_OOPS (fatal) */
void __noreturn __mmulab_oops(unsigned long addr, unsigned long code, unsigned long ip);

#define BUG()		__mmulab_bug(__FILE__, __LINE__, "BUG()")

#define BUG_ON(cond) do {						\
	if (unlikely(cond))						\
		__mmulab_bug(__FILE__, __LINE__, "BUG_ON(" #cond ")");	\
} while (0)

#define panic(fmt, ...)	__mmulab_bug_fmt(__FILE__, __LINE__, "panic: " fmt, ##__VA_ARGS__)

#define WARN_ON(cond) ({						\
	int __ret_warn_on = !!(cond);					\
	if (unlikely(__ret_warn_on))					\
		__mmulab_warn(__FILE__, __LINE__, "WARN_ON(" #cond ")");	\
	unlikely(__ret_warn_on);					\
})

#define WARN(cond, fmt, ...) ({						\
	int __ret_warn_on = !!(cond);					\
	if (unlikely(__ret_warn_on))					\
		__mmulab_warn_fmt(__FILE__, __LINE__, fmt, ##__VA_ARGS__);	\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_warn_once = !!(cond);					\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__mmulab_warn(__FILE__, __LINE__, "WARN_ON_ONCE(" #cond ")");	\
	}								\
	unlikely(__ret_warn_once);					\
})

#ifndef CONFIG_DEBUG_VM
#define CONFIG_DEBUG_VM 1
#endif

#if CONFIG_DEBUG_VM
#define VM_BUG_ON(cond) do {						\
	if (unlikely(cond))						\
		__mmulab_bug(__FILE__, __LINE__, "VM_BUG_ON(" #cond ")");	\
} while (0)
#define VM_WARN_ON(cond)	(void)WARN_ON(cond)
#else
#define VM_BUG_ON(cond)		do { (void)sizeof(!!(cond)); } while (0)
#define VM_WARN_ON(cond)	do { (void)sizeof(!!(cond)); } while (0)
#endif

#endif /* __ASSEMBLER__ */
#endif /* _LINUX_BUG_H */
