// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gup-fast-thp: GUP-fast against khugepaged's collapse (the race Linux
 * fixed by rechecking the pmd in gup_fast_pte_range(); see mm/gup.c for
 * the diagram).
 *
 *   cpu 0: pin_user_pages_fast(addr) -> "DMA" into the pinned page, then
 *          read addr back through the mapping
 *   cpu 1: collapse_huge_page(addr)
 *
 * buggy (base image): GUP-fast rechecks only the pte. On arm64 the
 * collapse's TLB flush is a broadcast TLBI that waits for nobody, so the
 * grab can land between the collapse's refcount check and its copy: the
 * pin holds a page that is no longer mapped and the DMA is lost (CHECK).
 * On x86_64 the flush is an IPI that cannot complete while GUP-fast has
 * interrupts masked, so by the time the collapse checks refcounts the pin
 * is visible and it backs off: clean.
 * fixed (FIX_GUP_PMD_RECHECK): clean on both.
 * backoff (the buggy code, GUP_THP_REPORT_BACKOFF): reports the runs in
 * which the collapse saw the pin and backed off, so the x86_64 mechanism
 * can be looked at in a trace: the collapse's flush IPI waiting
 * (csd_lock_wait) until GUP-fast unmasks interrupts.
 */
//! cflags: -DFIX_PTFREE_SYNC
//! variant fixed: -DFIX_GUP_PMD_RECHECK
//! variant backoff: -DGUP_THP_REPORT_BACKOFF
#define GUP_THP_SCENARIO "gup-fast-thp"
#include "gup-thp-common.h"
