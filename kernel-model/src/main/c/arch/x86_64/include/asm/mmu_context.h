/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

#include <asm/special_insns.h>
#include <asm/page.h>

/* Install a root table given by its kernel virtual address. */
static inline void load_cr3(void *pgdir)
{
	write_cr3(__pa(pgdir));
}

/*
 * A secondary drops the early identity map in secondary_startup_64 already
 * (CR3 = secondary_pgdir right after the jump to the kernel image).
 */
static inline void cpu_uninstall_idmap(void)
{
}

#endif /* _ASM_X86_MMU_CONTEXT_H */
