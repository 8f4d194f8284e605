// SPDX-License-Identifier: GPL-2.0-or-later
/* The layout table the emulator reads (include/mmulab/layout.h). */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/threads.h>
#include <mmulab/layout.h>

__attribute__((used))
const struct mmulab_layout mmulab_layout = {
	.magic		= MMULAB_LAYOUT_MAGIC,
	.page_shift	= PAGE_SHIFT,
	.page_offset	= PAGE_OFFSET,
	.vmemmap_start	= VMEMMAP_START,
	.kimage_offset	= KIMAGE_OFFSET,
	.vmalloc_start	= VMALLOC_START,
	.vmalloc_end	= VMALLOC_END,
	.nr_cpus	= NR_CPUS,
	.preempt_mask	= PREEMPT_MASK,
	.softirq_mask	= SOFTIRQ_MASK,
	.hardirq_mask	= HARDIRQ_MASK,
#ifdef CONFIG_PREEMPT_COUNT
	.preempt_count	= 1,
#endif
#ifdef CONFIG_TINY_RCU
	.tiny_rcu	= 1,
#endif
	.vm_read	= VM_READ,
	.vm_write	= VM_WRITE,
	.vm_exec	= VM_EXEC,
	.vm_shared	= VM_SHARED,
	.vm_hugepage	= VM_HUGEPAGE,
	.vma_lock_offset = VMA_LOCK_OFFSET,
};
