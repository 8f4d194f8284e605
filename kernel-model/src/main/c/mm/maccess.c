// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel accesses that may fault (<linux/uaccess.h>), as Linux's
 * mm/maccess.c: copy in the widest unit the alignment allows, each access
 * one exception-table-protected instruction; the first fault ends the
 * copy with -EFAULT.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>

#define copy_from_kernel_nofault_loop(dst, src, len, type, err_label)	\
	while (len >= sizeof(type)) {					\
		__get_kernel_nofault(dst, src, type, err_label);	\
		dst += sizeof(type);					\
		src += sizeof(type);					\
		len -= sizeof(type);					\
	}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	unsigned long align = (unsigned long)dst | (unsigned long)src;

	pagefault_disable();
	if (!(align & 7))
		copy_from_kernel_nofault_loop(dst, src, size, u64, Efault);
	if (!(align & 3))
		copy_from_kernel_nofault_loop(dst, src, size, u32, Efault);
	if (!(align & 1))
		copy_from_kernel_nofault_loop(dst, src, size, u16, Efault);
	copy_from_kernel_nofault_loop(dst, src, size, u8, Efault);
	pagefault_enable();
	return 0;
Efault:
	pagefault_enable();
	return -EFAULT;
}

#define copy_to_kernel_nofault_loop(dst, src, len, type, err_label)	\
	while (len >= sizeof(type)) {					\
		__put_kernel_nofault(dst, src, type, err_label);	\
		dst += sizeof(type);					\
		src += sizeof(type);					\
		len -= sizeof(type);					\
	}

long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	unsigned long align = (unsigned long)dst | (unsigned long)src;

	pagefault_disable();
	if (!(align & 7))
		copy_to_kernel_nofault_loop(dst, src, size, u64, Efault);
	if (!(align & 3))
		copy_to_kernel_nofault_loop(dst, src, size, u32, Efault);
	if (!(align & 1))
		copy_to_kernel_nofault_loop(dst, src, size, u16, Efault);
	copy_to_kernel_nofault_loop(dst, src, size, u8, Efault);
	pagefault_enable();
	return 0;
Efault:
	pagefault_enable();
	return -EFAULT;
}

/* user copies: byte by byte, so the count not copied is exact */
unsigned long copy_from_user(void *dst, const void *src, unsigned long n)
{
	u8 *d = dst;
	const u8 *s = src;

	for (; n; n--, d++, s++)
		if (get_user(*d, s))
			break;
	return n;
}

unsigned long copy_to_user(void *dst, const void *src, unsigned long n)
{
	u8 *d = dst;
	const u8 *s = src;

	for (; n; n--, d++, s++)
		if (put_user(*s, d))
			break;
	return n;
}
