/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Boot-time physical memory allocator: a bump pointer over the free memory
 * after the kernel image, [PFN_ALIGN(__pa_symbol(_end)), mem). Allocations
 * are never freed. memblock_alloc() zeroes, memblock_alloc_raw() does not.
 * mem_init() (mm/page_alloc.c) hands [memblock.cur, memblock.end) to the
 * page allocator and closes memblock: a later allocation is a BUG.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

struct memblock {
	phys_addr_t start;	/* first byte after the kernel image */
	phys_addr_t cur;	/* next free byte */
	phys_addr_t end;	/* end of physical memory */
	bool closed;		/* set by mem_init() */
};

extern struct memblock memblock;

void memblock_init(phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align);

#endif /* _LINUX_MEMBLOCK_H */
