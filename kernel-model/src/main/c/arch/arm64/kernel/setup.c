// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/pgtable.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <mmulab/boot.h>

/* head.S hard-codes these indices in init_pg_dir / early_pud */
BUILD_BUG_ON_MSG(((KIMAGE_VADDR >> PGDIR_SHIFT) & 511) != 256, "EARLY_PGD_KERNEL");
BUILD_BUG_ON_MSG(((PAGE_OFFSET >> PGDIR_SHIFT) & 511) != 0, "direct map pgd index");
BUILD_BUG_ON_MSG(((KIMAGE_VADDR >> PUD_SHIFT) & 511) != 0, "kernel image pud index");

void __init setup_arch(unsigned long mem)
{
	max_pfn = PHYS_PFN(mem);
	memblock_init(PFN_ALIGN(__pa_symbol(_end)), PFN_PHYS(max_pfn));
	paging_init();
}
