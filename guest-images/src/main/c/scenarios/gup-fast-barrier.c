// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gup-fast-barrier: GUP-fast with the pmd recheck, but grabbing the folio
 * with the relaxed, non-returning folio_ref_add() instead of the fully
 * ordered folio_ref_try_add_rcu(). Store buffering between the two sides:
 *
 *   cpu 0 (gup_fast)                  cpu 1 (collapse_huge_page)
 *   pmd = *pmdp; pte = *ptep
 *   folio_ref_add(P)   (buffered)     *pmdp = 0
 *   recheck: *pmdp == pmd  (old)      TLBI; dsb ish
 *                                     isolate: refcount(P) == mapcount
 *                                     (the add is not visible yet)
 *   success: P pinned                 copy, map the huge pmd, drop P
 *
 * Each side's store is still in its store buffer when the other side's
 * load reads: both checks pass and the pin is lost (CHECK). Only the arm
 * model lets a store and a later load to another location reorder like
 * this; under tso and sc an atomic read-modify-write is a full barrier (as
 * every x86 LOCK-prefixed instruction is), so the image is clean there and
 * on x86_64.
 * fixed (no GUP_FAST_REF_ADD): try_grab_folio_fast's fully ordered
 * add-unless-zero: clean under every model.
 */
//! cflags: -DFIX_GUP_PMD_RECHECK -DFIX_PTFREE_SYNC -DGUP_FAST_REF_ADD
//! variant fixed: -UGUP_FAST_REF_ADD
#define GUP_THP_SCENARIO "gup-fast-barrier"
#include "gup-thp-common.h"
