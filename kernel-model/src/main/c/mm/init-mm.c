// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <linux/mmap_lock.h>
#include <asm/pgtable.h>

/* The kernel's address space; its root is filled in by paging_init(). */
struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
	MMAP_LOCK_INITIALIZER(init_mm)
};
