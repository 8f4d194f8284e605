/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_MSR_INDEX_H
#define _ASM_X86_MSR_INDEX_H

#define MSR_EFER		0xc0000080
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define _EFER_SCE		0
#define _EFER_LME		8
#define _EFER_LMA		10
#define _EFER_NX		11
#define EFER_SCE		(1 << _EFER_SCE)
#define EFER_LME		(1 << _EFER_LME)
#define EFER_LMA		(1 << _EFER_LMA)
#define EFER_NX			(1 << _EFER_NX)

#endif /* _ASM_X86_MSR_INDEX_H */
