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
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/extable.h>
#include <asm/uaccess.h>

/* No user space and no sleeping in faults yet: nothing to disable. */
#define pagefault_disable()	barrier()
#define pagefault_enable()	barrier()

long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

#define get_kernel_nofault(val, ptr) ({				\
	const __typeof__(val) *__gk_ptr = (ptr);			\
	copy_from_kernel_nofault(&(val), __gk_ptr, sizeof(val));	\
})

#endif /* _LINUX_UACCESS_H */
