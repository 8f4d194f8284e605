// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Page-table freeing vs lockless walkers (Linux's mm/mmu_gather.c): a
 * table that GUP-fast may still be reading must outlive the walk. GUP-fast
 * walks with interrupts masked, so an IPI that every other CPU has taken
 * (tlb_remove_table_sync_one) proves that no walk that started before the
 * table was unhooked is still running:
 *
 *   CPU 0 (gup_fast)                CPU 1 (free a pte table)
 *   local_irq_save()
 *   pmd = *pmdp  (the table)
 *                                   *pmdp = other; flush
 *                                   tlb_remove_table_sync_one(): IPI...
 *   pte = table[i]                  ... waits
 *   local_irq_restore()  -> IPI taken
 *                                   free the table
 *
 * x86's TLB shootdown is itself such an IPI; arm64's broadcast TLBI is not.
 */
#include <linux/kernel.h>
#include <linux/smp.h>

static void tlb_remove_table_smp_sync(void *arg)
{
	(void)arg;
	/* nothing to do: taking the IPI is the point */
}

void tlb_remove_table_sync_one(void)
{
	/* the unhooking store is visible before the IPIs are sent */
	smp_mb();
	smp_call_function(tlb_remove_table_smp_sync, NULL, 1);
}
