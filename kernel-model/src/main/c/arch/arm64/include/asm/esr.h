/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ESR_ELx: the exception syndrome, the parts the fault handlers decode. */
#ifndef _ASM_ARM64_ESR_H
#define _ASM_ARM64_ESR_H

#include <linux/const.h>

#define ESR_ELx_EC_UNKNOWN	0x00
#define ESR_ELx_EC_WFx		0x01
#define ESR_ELx_EC_ILL		0x0e
#define ESR_ELx_EC_SVC64	0x15
#define ESR_ELx_EC_HVC64	0x16
#define ESR_ELx_EC_SYS64	0x18
#define ESR_ELx_EC_IABT_LOW	0x20
#define ESR_ELx_EC_IABT_CUR	0x21
#define ESR_ELx_EC_PC_ALIGN	0x22
#define ESR_ELx_EC_DABT_LOW	0x24
#define ESR_ELx_EC_DABT_CUR	0x25
#define ESR_ELx_EC_SP_ALIGN	0x26
#define ESR_ELx_EC_SERROR	0x2f
#define ESR_ELx_EC_BRK64	0x3c

#define ESR_ELx_EC_SHIFT	26
#define ESR_ELx_EC_MASK		(_AC(0x3f, UL) << ESR_ELx_EC_SHIFT)
#define ESR_ELx_EC(esr)		(((esr) & ESR_ELx_EC_MASK) >> ESR_ELx_EC_SHIFT)
#define ESR_ELx_IL		_BITUL(25)
#define ESR_ELx_ISS_MASK	(_BITUL(25) - 1)
#define ESR_ELx_ISS(esr)	((esr) & ESR_ELx_ISS_MASK)

/* data / instruction abort ISS */
#define ESR_ELx_ISV		_BITUL(24)
#define ESR_ELx_SAS_SHIFT	22
#define ESR_ELx_SAS		(_AC(3, UL) << ESR_ELx_SAS_SHIFT)
#define ESR_ELx_SSE		_BITUL(21)
#define ESR_ELx_SRT_SHIFT	16
#define ESR_ELx_SRT_MASK	(_AC(0x1f, UL) << ESR_ELx_SRT_SHIFT)
#define ESR_ELx_SF		_BITUL(15)
#define ESR_ELx_AR		_BITUL(14)
#define ESR_ELx_SET_SHIFT	11
#define ESR_ELx_SET_MASK	(_AC(3, UL) << ESR_ELx_SET_SHIFT)
#define ESR_ELx_FnV		_BITUL(10)
#define ESR_ELx_EA		_BITUL(9)
#define ESR_ELx_CM		_BITUL(8)
#define ESR_ELx_S1PTW		_BITUL(7)
#define ESR_ELx_WNR		_BITUL(6)

/* fault status code: type in bits [5:2], level in [1:0] */
#define ESR_ELx_FSC		0x3f
#define ESR_ELx_FSC_TYPE	0x3c
#define ESR_ELx_FSC_LEVEL	0x03
#define ESR_ELx_FSC_ADDRSZ	0x00
#define ESR_ELx_FSC_FAULT	0x04	/* translation */
#define ESR_ELx_FSC_ACCESS	0x08	/* access flag */
#define ESR_ELx_FSC_PERM	0x0c	/* permission */
#define ESR_ELx_FSC_EXTABT	0x10
#define ESR_ELx_FSC_ALIGN	0x21

#ifndef __ASSEMBLER__
#include <linux/types.h>

static inline bool esr_is_data_abort(unsigned long esr)
{
	unsigned long ec = ESR_ELx_EC(esr);

	return ec == ESR_ELx_EC_DABT_LOW || ec == ESR_ELx_EC_DABT_CUR;
}

const char *esr_get_class_string(unsigned long esr);
#endif

#endif /* _ASM_ARM64_ESR_H */
