/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/spinlock_types.h>
#include <asm/pgtable_types.h>

/* An address space. Only the kernel's (init_mm) exists so far. */
struct mm_struct {
	pgd_t *pgd;			/* root table, kernel virtual address */
	spinlock_t page_table_lock;	/* protects page-table changes */
};

extern struct mm_struct init_mm;

#endif /* _LINUX_MM_TYPES_H */
