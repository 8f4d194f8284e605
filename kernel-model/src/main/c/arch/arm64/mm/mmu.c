// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <asm/mmu_context.h>

/*
 * swapper_pg_dir: the kernel's TTBR1 root (init_mm.pgd).
 * reserved_pg_dir: all-invalid, for TTBR0 when no user space is installed.
 */
pgd_t swapper_pg_dir[PTRS_PER_PGD] __section(".bss..page_aligned") __aligned(PAGE_SIZE);
pgd_t reserved_pg_dir[PTRS_PER_PGD] __section(".bss..page_aligned") __aligned(PAGE_SIZE);

/*
 * Build init_mm's tables (direct map, kernel image, vmemmap, the empty
 * vmalloc tables) and switch this CPU to them: TTBR1 = swapper_pg_dir,
 * TTBR0 = reserved_pg_dir (no identity map).
 * Secondaries get TTBR1 in __enable_mmu and drop TTBR0 in
 * secondary_start_kernel().
 */
void __init paging_init(void)
{
	pgd_t *pgd = init_mm.pgd;

	map_mem(pgd);
	map_kernel(pgd);
	vmemmap_populate(pgd);
	preallocate_vmalloc_pages(pgd);

	cpu_replace_ttbr1(pgd);
	cpu_uninstall_idmap();
}
