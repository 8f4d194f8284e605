// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <asm/page.h>
#include <mmulab/boot.h>

struct memblock memblock;

void __init memblock_init(phys_addr_t start, phys_addr_t end)
{
	BUG_ON(start > end);
	memblock.start = start;
	memblock.cur = start;
	memblock.end = end;
	memblock.closed = false;
}

phys_addr_t __init memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t base = ALIGN(memblock.cur, align);

	BUG_ON(memblock.closed);
	if (base + size < base || base + size > memblock.end)
		panic("memblock: out of memory allocating %llu bytes (%llx..%llx used)",
		      (unsigned long long)size, (unsigned long long)memblock.start,
		      (unsigned long long)memblock.cur);
	/* until paging_init() is done, only the early tables' range is reachable */
	BUG_ON(base + size > EARLY_MAP_SIZE);
	memblock.cur = base + size;
	return base;
}

void * __init memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	return __va(memblock_phys_alloc(size, align));
}

void * __init memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	void *p = memblock_alloc_raw(size, align);

	memset(p, 0, size);
	return p;
}
