/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 faulting kernel accesses for <linux/uaccess.h>: one ldr/str of the
 * given size at label 1, listed in the exception table; its fixup (in
 * .fixup) loads -EFAULT into the error variable, zeroes the value and
 * branches back behind the access.
 */
#ifndef _ASM_ARM64_UACCESS_H
#define _ASM_ARM64_UACCESS_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/extable.h>
#include <linux/types.h>

/* never defined: using a size other than 1, 2, 4, 8 fails to link */
extern void __bad_kernel_nofault_size(void);

#define __get_kernel_asm(val, addr, insn, reg, err)				\
	asm volatile("1:	" insn " " reg "1, [%2]\n"			\
		     "2:\n"							\
		     "	.pushsection .fixup, \"ax\"\n"			\
		     "	.align 2\n"						\
		     "3:	mov %w0, %3\n"					\
		     "	mov %1, #0\n"						\
		     "	b 2b\n"							\
		     "	.popsection\n"						\
		     _ASM_EXTABLE(1b, 3b)					\
		     : "+r"(err), "=&r"(val)					\
		     : "r"(addr), "i"(-EFAULT) : "memory")

#define __put_kernel_asm(val, addr, insn, reg, err)				\
	asm volatile("1:	" insn " " reg "1, [%2]\n"			\
		     "2:\n"							\
		     "	.pushsection .fixup, \"ax\"\n"			\
		     "	.align 2\n"						\
		     "3:	mov %w0, %3\n"					\
		     "	b 2b\n"							\
		     "	.popsection\n"						\
		     _ASM_EXTABLE(1b, 3b)					\
		     : "+r"(err)						\
		     : "rZ"(val), "r"(addr), "i"(-EFAULT) : "memory")

/* *(type *)dst = *(type *)src, or goto err_label if src faults */
#define __get_kernel_nofault(dst, src, type, err_label) do {			\
	int __gk_err = 0;							\
	unsigned long __gk_val;							\
	switch (sizeof(type)) {							\
	case 1: __get_kernel_asm(__gk_val, (src), "ldrb", "%w", __gk_err); break; \
	case 2: __get_kernel_asm(__gk_val, (src), "ldrh", "%w", __gk_err); break; \
	case 4: __get_kernel_asm(__gk_val, (src), "ldr", "%w", __gk_err); break; \
	case 8: __get_kernel_asm(__gk_val, (src), "ldr", "%x", __gk_err); break; \
	default: __gk_val = 0; __bad_kernel_nofault_size(); break;		\
	}									\
	if (unlikely(__gk_err))							\
		goto err_label;							\
	*(type *)(dst) = (type)__gk_val;					\
} while (0)

/* *(type *)dst = *(type *)src, or goto err_label if dst faults */
#define __put_kernel_nofault(dst, src, type, err_label) do {			\
	int __pk_err = 0;							\
	u64 __pk_val = *(const type *)(src);					\
	switch (sizeof(type)) {							\
	case 1: __put_kernel_asm(__pk_val, (dst), "strb", "%w", __pk_err); break; \
	case 2: __put_kernel_asm(__pk_val, (dst), "strh", "%w", __pk_err); break; \
	case 4: __put_kernel_asm(__pk_val, (dst), "str", "%w", __pk_err); break; \
	case 8: __put_kernel_asm(__pk_val, (dst), "str", "%x", __pk_err); break; \
	default: __bad_kernel_nofault_size(); break;				\
	}									\
	if (unlikely(__pk_err))							\
		goto err_label;							\
} while (0)

#endif /* _ASM_ARM64_UACCESS_H */
