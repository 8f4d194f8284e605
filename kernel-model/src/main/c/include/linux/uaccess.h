/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel accesses that may fault and must not oops (mm/maccess.c), as in
 * Linux:
 *
 *   get_kernel_nofault(val, ptr)              0, or -EFAULT (val = 0)
 *   copy_from_kernel_nofault(dst, src, size)  0, or -EFAULT
 *   copy_to_kernel_nofault(dst, src, size)    0, or -EFAULT
 *
 * The faulting access is one instruction listed in the exception table
 * (<linux/extable.h>); the page-fault handler records the fault in this
 * CPU's last_fault (<mmulab/fault.h>), finds the entry and resumes at the
 * fixup, which makes the helper return -EFAULT. Only the destination of
 * copy_to_kernel_nofault() (and the source of copy_from_kernel_nofault())
 * is protected: the other side is an ordinary access.
 *
 * The arch provides __get_kernel_nofault(dst, src, type, err_label) and
 * __put_kernel_nofault(dst, src, type, err_label) in <asm/uaccess.h>.
 *
 * User addresses (current->mm) use the same instructions, but their faults
 * are resolved (handle_mm_fault) unless page faults are disabled:
 *
 *   get_user(x, ptr) / put_user(x, ptr)       0, or -EFAULT
 *   copy_from_user(dst, src, n) / copy_to_user(dst, src, n)
 *                                             bytes NOT copied (0: all)
 *
 * pagefault_disable() (the *_nofault helpers, GUP-fast) makes a fault on a
 * user address take the fixup at once, as in Linux.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/extable.h>
#include <asm/uaccess.h>

#include <linux/sched.h>

static inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
	barrier();
}

static inline void pagefault_enable(void)
{
	barrier();
	current->pagefault_disabled--;
}

static inline bool faulthandler_disabled(void)
{
	return current->pagefault_disabled != 0;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

#define get_kernel_nofault(val, ptr) ({				\
	const __typeof__(val) *__gk_ptr = (ptr);			\
	copy_from_kernel_nofault(&(val), __gk_ptr, sizeof(val));	\
})

/* the type of x without qualifiers (a cast's result has none) */
#define __unqual_typeof(x)	__typeof__((__typeof__(x))(x))

#define get_user(x, ptr) ({							\
	__label__ __gu_efault;							\
	int __gu_ret = 0;							\
	__unqual_typeof(*(ptr)) __gu_val;					\
	__get_kernel_nofault(&__gu_val, (ptr), __unqual_typeof(*(ptr)), __gu_efault);\
	if (0) {								\
__gu_efault:									\
		__gu_ret = -EFAULT;						\
		__builtin_memset(&__gu_val, 0, sizeof(__gu_val));		\
	}									\
	(x) = __gu_val;								\
	__gu_ret;								\
})

#define put_user(x, ptr) ({							\
	__label__ __pu_efault;							\
	int __pu_ret = 0;							\
	__unqual_typeof(*(ptr)) __pu_val = (x);					\
	__put_kernel_nofault((ptr), &__pu_val, __unqual_typeof(*(ptr)), __pu_efault);\
	if (0) {								\
__pu_efault:									\
		__pu_ret = -EFAULT;						\
	}									\
	__pu_ret;								\
})

unsigned long copy_from_user(void *dst, const void *src, unsigned long n);
unsigned long copy_to_user(void *dst, const void *src, unsigned long n);

#endif /* _LINUX_UACCESS_H */
