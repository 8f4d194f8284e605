/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_PROCESSOR_FLAGS_H
#define _ASM_X86_PROCESSOR_FLAGS_H

#include <linux/const.h>

#define X86_EFLAGS_IF		_BITUL(9)	/* interrupts enabled */

#define X86_CR0_PE		_BITUL(0)
#define X86_CR0_MP		_BITUL(1)
#define X86_CR0_ET		_BITUL(4)
#define X86_CR0_NE		_BITUL(5)
#define X86_CR0_WP		_BITUL(16)	/* supervisor writes honour R/W */
#define X86_CR0_AM		_BITUL(18)
#define X86_CR0_PG		_BITUL(31)

#define X86_CR4_PSE		_BITUL(4)
#define X86_CR4_PAE		_BITUL(5)
#define X86_CR4_PGE		_BITUL(7)	/* global pages */
#define X86_CR4_PCIDE		_BITUL(17)

#endif /* _ASM_X86_PROCESSOR_FLAGS_H */
