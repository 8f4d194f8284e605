// SPDX-License-Identifier: GPL-2.0-or-later
/* The kernel's exception table (<linux/extable.h>) and the per-CPU fault record. */
#include <linux/kernel.h>
#include <linux/extable.h>
#include <linux/percpu.h>
#include <mmulab/fault.h>

DEFINE_PER_CPU(struct fault_record, last_fault);

/* a handful of entries: a linear search is fine (Linux sorts and bisects) */
const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (ex_to_insn(e) == addr)
			return e;
	return NULL;
}
