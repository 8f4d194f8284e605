/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64 faulting kernel accesses for <linux/uaccess.h>: one mov of the
 * given size at label 1, listed in the exception table; its fixup (in
 * .fixup) loads -EFAULT into the error variable, zeroes the value and
 * jumps back behind the access.
 */
#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/extable.h>
#include <linux/types.h>

/* never defined: using a size other than 1, 2, 4, 8 fails to link */
extern void __bad_kernel_nofault_size(void);

#define __get_kernel_asm(val, src, itype, rmod, err)				\
	asm volatile("1:	mov" itype " %[mem], %" rmod "[v]\n"		\
		     "2:\n"							\
		     "	.pushsection .fixup, \"ax\"\n"			\
		     "3:	mov %[efault], %k[e]\n"				\
		     "	xor %k[v], %k[v]\n"					\
		     "	jmp 2b\n"						\
		     "	.popsection\n"						\
		     _ASM_EXTABLE(1b, 3b)					\
		     : [e] "+r"(err), [v] "=r"(val)				\
		     : [mem] "m"(*(src)), [efault] "i"(-EFAULT))

#define __put_kernel_asm(val, dst, itype, rmod, err)				\
	asm volatile("1:	mov" itype " %" rmod "[v], %[mem]\n"		\
		     "2:\n"							\
		     "	.pushsection .fixup, \"ax\"\n"			\
		     "3:	mov %[efault], %k[e]\n"				\
		     "	jmp 2b\n"						\
		     "	.popsection\n"						\
		     _ASM_EXTABLE(1b, 3b)					\
		     : [e] "+r"(err), [mem] "=m"(*(dst))			\
		     : [v] "r"(val), [efault] "i"(-EFAULT) : "memory")

/* *(type *)dst = *(type *)src, or goto err_label if src faults */
#define __get_kernel_nofault(dst, src, type, err_label) do {			\
	int __gk_err = 0;							\
	unsigned long __gk_val;							\
	switch (sizeof(type)) {							\
	case 1: __get_kernel_asm(__gk_val, (const volatile u8 *)(src), "b", "b", __gk_err); break; \
	case 2: __get_kernel_asm(__gk_val, (const volatile u16 *)(src), "w", "w", __gk_err); break; \
	case 4: __get_kernel_asm(__gk_val, (const volatile u32 *)(src), "l", "k", __gk_err); break; \
	case 8: __get_kernel_asm(__gk_val, (const volatile u64 *)(src), "q", "q", __gk_err); break; \
	default: __gk_val = 0; __bad_kernel_nofault_size(); break;		\
	}									\
	if (unlikely(__gk_err))							\
		goto err_label;							\
	*(type *)(dst) = (type)__gk_val;					\
} while (0)

/* *(type *)dst = *(type *)src, or goto err_label if dst faults */
#define __put_kernel_nofault(dst, src, type, err_label) do {			\
	int __pk_err = 0;							\
	type __pk_val = *(const type *)(src);					\
	switch (sizeof(type)) {							\
	case 1: __put_kernel_asm((u8)__pk_val, (volatile u8 *)(dst), "b", "b", __pk_err); break; \
	case 2: __put_kernel_asm((u16)__pk_val, (volatile u16 *)(dst), "w", "w", __pk_err); break; \
	case 4: __put_kernel_asm((u32)__pk_val, (volatile u32 *)(dst), "l", "k", __pk_err); break; \
	case 8: __put_kernel_asm((u64)__pk_val, (volatile u64 *)(dst), "q", "q", __pk_err); break; \
	default: __bad_kernel_nofault_size(); break;				\
	}									\
	if (unlikely(__pk_err))							\
		goto err_label;							\
} while (0)

#endif /* _ASM_X86_UACCESS_H */
