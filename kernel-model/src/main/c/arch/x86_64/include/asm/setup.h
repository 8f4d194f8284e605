/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#define UTS_MACHINE	"x86_64"

#ifndef __ASSEMBLER__
void setup_arch(unsigned long mem);
void trap_init(void);
void cpu_init(void);
#endif

#endif /* _ASM_X86_SETUP_H */
