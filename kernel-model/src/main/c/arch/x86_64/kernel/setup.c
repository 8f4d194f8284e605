// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/pgtable.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <mmulab/boot.h>

/* head_64.S hard-codes these indices in early_top_pgt / early_level3_pgt */
BUILD_BUG_ON_MSG(((PAGE_OFFSET >> PGDIR_SHIFT) & 511) != 273, "EARLY_PGD_DIRECT_MAP");
BUILD_BUG_ON_MSG(((__START_KERNEL_map >> PGDIR_SHIFT) & 511) != 511, "EARLY_PGD_KERNEL");
BUILD_BUG_ON_MSG(((__START_KERNEL_map >> PUD_SHIFT) & 511) != 510, "EARLY_PUD_KERNEL");
BUILD_BUG_ON_MSG(((PAGE_OFFSET >> PUD_SHIFT) & 511) != 0, "direct map pud index");

void __init setup_arch(unsigned long mem)
{
	max_pfn = PHYS_PFN(mem);
	memblock_init(PFN_ALIGN(__pa_symbol(_end)), PFN_PHYS(max_pfn));
	paging_init();
}
