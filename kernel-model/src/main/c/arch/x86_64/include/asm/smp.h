/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <asm/sections.h>

/* physical address a secondary CPU starts at (written to the spin table) */
#define secondary_entry_phys()	__pa_head_symbol(secondary_startup_64)

#endif /* _ASM_X86_SMP_H */
