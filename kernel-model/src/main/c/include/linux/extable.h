/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The exception table: (insn, fixup) pairs in section __ex_table, each a
 * 32-bit offset relative to the field itself (as in Linux), collected by the
 * linker script between __start___ex_table and __stop___ex_table. A fault
 * at insn with no other way out resumes at fixup (fixup_exception(), called
 * by the arch fault handler before it gives up and oopses).
 *
 * _ASM_EXTABLE(from, to) emits an entry from inline assembly or .S files.
 * The fixup code itself usually lives in section .fixup (placed in .text by
 * the linker script): it sets an error register and jumps back.
 */
#ifndef _LINUX_EXTABLE_H
#define _LINUX_EXTABLE_H

#include <linux/compiler.h>

#ifdef __ASSEMBLER__

#define _ASM_EXTABLE(from, to)				\
	.pushsection __ex_table, "a" ;			\
	.balign 4 ;					\
	.long (from) - . ;				\
	.long (to) - . ;				\
	.popsection

#else

#include <linux/types.h>

#define _ASM_EXTABLE(from, to)				\
	" .pushsection __ex_table, \"a\"\n"		\
	" .balign 4\n"					\
	" .long (" #from ") - .\n"			\
	" .long (" #to ") - .\n"			\
	" .popsection\n"

struct exception_table_entry {
	int insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

static inline unsigned long ex_to_insn(const struct exception_table_entry *x)
{
	return (unsigned long)&x->insn + x->insn;
}

static inline unsigned long ex_fixup_addr(const struct exception_table_entry *x)
{
	return (unsigned long)&x->fixup + x->fixup;
}

/* the entry for the instruction at addr, or NULL (kernel/extable.c) */
const struct exception_table_entry *search_exception_tables(unsigned long addr);

struct pt_regs;
/* arch: resume at the fixup for regs' faulting instruction; false if none */
bool fixup_exception(struct pt_regs *regs);

#endif /* __ASSEMBLER__ */
#endif /* _LINUX_EXTABLE_H */
