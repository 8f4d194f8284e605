// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/extable.h>
#include <asm/ptrace.h>

/* A fault at a listed instruction resumes at its fixup. */
bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ip);

	if (!e)
		return false;
	regs->ip = ex_fixup_addr(e);
	return true;
}
