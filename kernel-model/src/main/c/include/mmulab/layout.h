/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The layout constants the emulator's Java side needs and cannot find in
 * DWARF because they are macros: where the direct map, the vmemmap and the
 * kernel image live, the page size, the per-CPU area count, the preempt
 * count's fields. The kernel exports them once, as the read-only variable
 * mmulab_layout (mm/layout.c); the Java side (io.mmulab.kernel.KernelLayout)
 * finds it through its symbol, reads it from .rodata and names its fields
 * through this struct's DWARF description, so nothing here is copied by hand
 * and a field may be added anywhere.
 *
 * Struct layouts (struct page, struct folio, vm_area_struct, ...) and enum
 * values (enum pageflags, enum pagetype) need no entry here: the Java side
 * reads them from the image's DWARF.
 */
#ifndef _MMULAB_LAYOUT_H
#define _MMULAB_LAYOUT_H

struct mmulab_layout {
	unsigned long magic;		/* MMULAB_LAYOUT_MAGIC */
	unsigned long page_shift;	/* PAGE_SHIFT */
	unsigned long page_offset;	/* PAGE_OFFSET: the direct map of PA 0 */
	unsigned long vmemmap_start;	/* VMEMMAP_START: struct page of pfn 0 */
	unsigned long kimage_offset;	/* kernel image VA - PA */
	unsigned long vmalloc_start;	/* VMALLOC_START */
	unsigned long vmalloc_end;	/* VMALLOC_END */
	unsigned long nr_cpus;		/* NR_CPUS: per-CPU areas, __per_cpu_offset[] */
	unsigned long preempt_mask;	/* PREEMPT_MASK of preempt_count() */
	unsigned long softirq_mask;	/* SOFTIRQ_MASK */
	unsigned long hardirq_mask;	/* HARDIRQ_MASK */
	unsigned long preempt_count;	/* 1: CONFIG_PREEMPT_COUNT (the count is kept) */
	unsigned long tiny_rcu;		/* 1: CONFIG_TINY_RCU */
	unsigned long vm_read;		/* vm_flags bits (<linux/mm.h>) */
	unsigned long vm_write;
	unsigned long vm_exec;
	unsigned long vm_shared;
	unsigned long vm_hugepage;
	unsigned long vma_lock_offset;	/* VMA_LOCK_OFFSET: a writer in vm_refcnt */
};

#define MMULAB_LAYOUT_MAGIC	0x74756f79616c6d6dUL	/* "mmlayout" */

extern const struct mmulab_layout mmulab_layout;

#endif /* _MMULAB_LAYOUT_H */
