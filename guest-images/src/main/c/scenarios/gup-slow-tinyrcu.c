// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gup-slow-tinyrcu: slow GUP grabbing a THP through the RCU-only helper.
 *
 * folio_ref_try_add_rcu() is GUP-fast's way to take a reference on a folio
 * found without one; with CONFIG_TINY_RCU it relies on the caller being
 * non-preemptible (rcu_read_lock() is just preempt_disable() there) and
 * says so: VM_BUG_ON(!in_atomic() && !irqs_disabled()). Slow GUP took
 * references through the same helper (try_grab_folio), from preemptible
 * context -- follow_huge_pmd() grabs after dropping the page-table lock,
 * with only the mmap_lock held:
 *
 *   cpu 0: pin_user_pages_remote(addr of a THP)
 *            __get_user_pages -> follow_page_mask -> follow_huge_pmd
 *              try_grab_folio -> try_grab_folio_fast
 *                folio_ref_try_add_rcu: preemptible -> VM_BUG_ON
 *
 * buggy (base image, CONFIG_TINY_RCU): BUG on the first run.
 * fixed (FIX_TRY_GRAB_SLOW): slow paths hold a stable reference already and
 * add with folio_ref_add(): clean.
 * treercu (the buggy code without CONFIG_TINY_RCU): the helper is the
 * speculative add-unless-zero, valid anywhere: clean.
 */
//! cflags: -DCONFIG_TINY_RCU
//! variant fixed: -DFIX_TRY_GRAB_SLOW
//! variant treercu: -UCONFIG_TINY_RCU
#include <mmulab/scenario.h>
#include <linux/mmap_lock.h>
#include <linux/rmap.h>
#include <linux/sched.h>

#define THP_ADDR	0x0000000040000000UL

static struct mm_struct *mm;

void scenario_setup(void)
{
	pmd_t *pmd;

	mm = mm_alloc();
	BUG_ON(!mm);
	kthread_use_mm(mm);
	mmap_write_lock(mm);
	BUG_ON(do_mmap(mm, NULL, THP_ADDR, HPAGE_PMD_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, VM_HUGEPAGE, 0) != THP_ADDR);
	mmap_write_unlock(mm);
	/* the first touch maps a THP */
	BUG_ON(put_user(0x7a11UL, (unsigned long *)(THP_ADDR + 5 * PAGE_SIZE)));
	pmd = mm_find_pmd(mm, THP_ADDR);
	BUG_ON(!pmd || !pmd_trans_huge(pmdp_get(pmd)));
}

int scenario_main(unsigned int cpu)
{
	struct page *page;
	struct folio *folio;
	long nr;

	if (cpu != 0)
		return 0;
	nr = pin_user_pages_remote(mm, THP_ADDR + 5 * PAGE_SIZE, 1, FOLL_WRITE | FOLL_LONGTERM, &page);
	CHECK(nr == 1, "pin_user_pages_remote: %ld", nr);
	folio = page_folio(page);
	CHECK(folio_order(folio) == HPAGE_PMD_ORDER, "pinned a folio of order %u", folio_order(folio));
	CHECK(*(unsigned long *)page_address(page) == 0x7a11UL, "pinned the wrong page");
	CHECK(atomic_read(&folio->_pincount) == 1 && folio_ref_count(folio) == 2,
	      "pin counts: pincount %d refcount %d", atomic_read(&folio->_pincount), folio_ref_count(folio));
	unpin_user_page(page);
	CHECK(atomic_read(&folio->_pincount) == 0 && folio_ref_count(folio) == 1, "unpin");
	return 0;
}
