/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Symbol annotations for assembly (the SYM_* family). */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#ifdef __ASSEMBLER__

#ifdef __x86_64__
#define SYM_ALIGN	.p2align 4, 0x90
#define ASM_NL		;
#else
#define SYM_ALIGN	.p2align 2
#define ASM_NL		;
#endif

/* a C-callable function */
#define SYM_FUNC_START(name)	.globl name ASM_NL .type name, %function ASM_NL SYM_ALIGN ASM_NL name:
#define SYM_FUNC_START_LOCAL(name) .type name, %function ASM_NL SYM_ALIGN ASM_NL name:
#define SYM_FUNC_END(name)	.size name, . - name
/* code with a non-C calling convention (entry points, vectors) */
#define SYM_CODE_START(name)	.globl name ASM_NL .type name, %function ASM_NL SYM_ALIGN ASM_NL name:
#define SYM_CODE_START_LOCAL(name) .type name, %function ASM_NL SYM_ALIGN ASM_NL name:
#define SYM_CODE_END(name)	.size name, . - name
#define SYM_DATA_START(name)	.globl name ASM_NL .type name, %object ASM_NL name:
#define SYM_DATA_START_LOCAL(name) .type name, %object ASM_NL name:
#define SYM_DATA_END(name)	.size name, . - name

#endif /* __ASSEMBLER__ */
#endif /* _LINUX_LINKAGE_H */
