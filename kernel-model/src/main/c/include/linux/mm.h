/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/pgtable.h>
#include <asm/page.h>

extern unsigned long max_pfn;		/* one past the last physical page frame */

/* flags for create_pgd_mapping() */
#define NO_BLOCK_MAPPINGS	(1 << 0)	/* 4 KiB pages only, no 2 MiB leaves */

/*
 * Map [virt, virt + size) to [phys, phys + size) in the tables under pgdir
 * with protection prot (a 4 KiB-page pgprot; 2 MiB leaves get pmd_mkhuge()
 * applied). Page-table pages come from memblock and are reached through the
 * direct map. All three of phys, virt and size must be page aligned.
 */
void create_pgd_mapping(pgd_t *pgdir, phys_addr_t phys, unsigned long virt,
			phys_addr_t size, pgprot_t prot, int flags);

void map_mem(pgd_t *pgdp);		/* the direct map of [0, max_pfn) */
void map_kernel(pgd_t *pgdp);		/* the kernel image, 4 KiB pages */

void paging_init(void);		/* arch: build init_mm.pgd and switch to it */

#endif /* _LINUX_MM_H */
