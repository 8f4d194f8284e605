// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * khugepaged-ptfree: the collapse frees the old pte table while GUP-fast,
 * which walks page tables without locks, may still be reading it.
 *
 *   cpu 0 (pin_user_pages_fast)       cpu 1 (collapse_huge_page)
 *   local_irq_save()
 *   pmd = *pmdp  (the pte table T)
 *                                     pmdp_collapse_flush(): *pmdp = 0
 *                                     isolate, copy, map the huge pmd
 *                                     free T
 *   pte = T[i]   <- reads a freed page
 *
 * buggy (base image): T is freed at once: on arm64, whose TLBI waits for
 * nobody, cpu 0 reads the freed table (PHYS_UAF on the page-table page).
 * On x86_64 the collapse's pmdp_collapse_flush() is a shootdown IPI to
 * cpu 0, which cannot complete while cpu 0 has interrupts masked: cpu 0's
 * walk either ends first (its reference then makes the collapse back off,
 * so T is not freed) or starts after the pmd was cleared (and never
 * reaches T): clean.
 * fixed (FIX_PTFREE_SYNC): tlb_remove_table_sync_one() before the free
 * waits for every IRQs-off walker: clean on both. Variant rcu (PTFREE_RCU):
 * the table is freed after a grace period, which an IRQs-off walker holds
 * off: clean too.
 */
//! cflags: -DFIX_GUP_PMD_RECHECK
//! variant fixed: -DFIX_PTFREE_SYNC
//! variant rcu: -DPTFREE_RCU
#define GUP_THP_SCENARIO "khugepaged-ptfree"
#include "gup-thp-common.h"
