// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <asm/barrier.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

/* The kernel's root table (Linux's init_top_pgt; swapper_pg_dir is an alias). */
pgd_t init_top_pgt[PTRS_PER_PGD] __section(".bss..page_aligned") __aligned(PAGE_SIZE);

/*
 * Build init_mm's tables (direct map, kernel image, vmemmap, the empty
 * vmalloc tables; no identity map) and switch this CPU to them.
 * Secondaries switch in secondary_startup_64.
 */
void __init paging_init(void)
{
	pgd_t *pgd = init_mm.pgd;

	map_mem(pgd);
	map_kernel(pgd);
	vmemmap_populate(pgd);
	preallocate_vmalloc_pages(pgd);

	/* page-table stores reach memory before the walker may read them */
	mb();
	load_cr3(pgd);
	__flush_tlb_all();
}
