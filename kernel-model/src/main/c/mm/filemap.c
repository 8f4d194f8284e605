// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The page cache (<linux/pagemap.h>), after Linux's mm/filemap.c.
 *
 * The lockless lookup, filemap_get_entry(), is the protocol the
 * pagecache-hvo race is about:
 *
 *	rcu_read_lock();
 *   repeat:
 *	folio = xas_load(&xas);            (RCU keeps the xa_nodes alive,
 *	                                    not the folio)
 *	if (!folio_try_get(folio))          it is being freed: look again
 *		goto repeat;
 *	if (folio != xas_reload(&xas)) {   removed (and maybe freed and
 *		folio_put(folio);          reused) between the load and the
 *		goto repeat;               reference: give it back
 *	}
 *	rcu_read_unlock();
 *
 * folio_try_get() is fully ordered, so the reload reads the slot after
 * the reference is visible: a truncation that removes the folio after the
 * reload either sees our reference or we see its removal.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/rcupdate.h>
#include <linux/wait_bit.h>
#include <mmulab/page_state.h>

void __folio_lock(struct folio *folio)
{
	___wait_var_event(&folio->flags, folio_trylock(folio),
			  "folio_lock(folio) (PG_locked) at mm/filemap.c");
}

void folio_unlock(struct folio *folio)
{
	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	clear_bit_unlock(PG_locked, &folio->flags);
	/* the unlock before wake_up_var() looks for waiters */
	smp_mb__after_atomic();
	wake_up_var(&folio->flags);
}

static int __filemap_add_folio(struct address_space *mapping, struct folio *folio,
			       pgoff_t index, gfp_t gfp)
{
	XA_STATE(xas, &mapping->i_pages, index);
	long nr = folio_nr_pages(folio);
	void *old;
	int err = 0;

	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	/* multi-index entries are not implemented: one slot per folio */
	if (WARN_ON_ONCE(nr != 1))
		return -EINVAL;

	/* the page cache's own references, before anyone can find it */
	folio_ref_add(folio, nr);
	folio->mapping = mapping;
	folio->index = xas.xa_index;

	xas_lock_irq(&xas);
	old = xas_load(&xas);
	if (old && !xa_is_value(old)) {
		err = -EEXIST;
	} else {
		xas_store(&xas, folio);
		if (xas_error(&xas))
			err = xas_error(&xas);
		else
			mapping->nrpages += nr;
	}
	xas_unlock_irq(&xas);

	if (err) {
		folio->mapping = NULL;
		folio_put_refs(folio, nr);
	}
	return err;
}

int filemap_add_folio(struct address_space *mapping, struct folio *folio, pgoff_t index, gfp_t gfp)
{
	int ret;

	mmulab_page_state(folio_pfn(folio), folio_nr_pages(folio), MMULAB_OWNER_PAGE_CACHE);
	__folio_set_locked(folio);
	ret = __filemap_add_folio(mapping, folio, index, gfp);
	if (unlikely(ret)) {
		__folio_clear_locked(folio);
		mmulab_page_state(folio_pfn(folio), folio_nr_pages(folio), MMULAB_OWNER_ANON);
	}
	return ret;
}

void *filemap_get_entry(struct address_space *mapping, pgoff_t index)
{
	XA_STATE(xas, &mapping->i_pages, index);
	struct folio *folio;

	rcu_read_lock();
repeat:
	xas_reset(&xas);
	folio = xas_load(&xas);
	if (xas_retry(&xas, folio))
		goto repeat;
	/* a value entry (shadow / swap) or nothing: no reference to take */
	if (!folio || xa_is_value(folio))
		goto out;

	if (!folio_try_get(folio))
		goto repeat;

	if (unlikely(folio != xas_reload(&xas))) {
		folio_put(folio);
		goto repeat;
	}
out:
	rcu_read_unlock();
	return folio;
}

struct folio *filemap_get_folio(struct address_space *mapping, pgoff_t index)
{
	struct folio *folio = filemap_get_entry(mapping, index);

	if (xa_is_value(folio))
		return NULL;
	return folio;
}

/* i_pages locked: take the folio out of the tree */
static void page_cache_delete(struct address_space *mapping, struct folio *folio)
{
	XA_STATE(xas, &mapping->i_pages, folio->index);
	long nr = folio_nr_pages(folio);

	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	xas_store(&xas, NULL);
	folio->mapping = NULL;
	mapping->nrpages -= nr;
}

/* the page cache's references go; the last holder frees the folio */
void filemap_free_folio(struct address_space *mapping, struct folio *folio)
{
	(void)mapping;
	folio_put_refs(folio, folio_nr_pages(folio));
}

/* the folio is locked and in a mapping */
void filemap_remove_folio(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	xa_lock_irq(&mapping->i_pages);
	page_cache_delete(mapping, folio);
	xa_unlock_irq(&mapping->i_pages);
	filemap_free_folio(mapping, folio);
}

/*
 * The next entry in [*start, end], with a reference, the same
 * try_get/reload dance as filemap_get_entry() (find_get_entry()).
 */
static struct folio *find_get_entry(struct xa_state *xas, pgoff_t max)
{
	struct folio *folio;

retry:
	folio = xas_find(xas, max);
	if (!folio || xas_invalid(xas))
		return NULL;
	if (xas_retry(xas, folio))
		goto retry;
	if (xa_is_value(folio))
		return folio;
	if (!folio_try_get(folio))
		goto reset;
	if (unlikely(folio != xas_reload(xas))) {
		folio_put(folio);
		goto reset;
	}
	return folio;
reset:
	xas_reset(xas);
	goto retry;
}

static unsigned __find_entries(struct address_space *mapping, pgoff_t *start, pgoff_t end,
			       struct folio_batch *fbatch, pgoff_t *indices, bool lock)
{
	XA_STATE(xas, &mapping->i_pages, *start);
	struct folio *folio;

	rcu_read_lock();
	while ((folio = find_get_entry(&xas, end))) {
		pgoff_t index = xas.xa_index;

		if (!xa_is_value(folio)) {
			if (lock) {
				/* find_lock_entries(): skip what others hold locked */
				if (!folio_trylock(folio)) {
					folio_put(folio);
					goto next;
				}
				if (folio->mapping != mapping || folio->index != index) {
					folio_unlock(folio);
					folio_put(folio);
					goto next;
				}
			}
			indices[fbatch->nr] = index;
			if (!folio_batch_add(fbatch, folio))
				break;
		}
next:
		if (index == end)
			break;
		xas_set(&xas, index + 1);
	}
	rcu_read_unlock();

	if (folio_batch_count(fbatch))
		*start = indices[folio_batch_count(fbatch) - 1] + 1;
	return folio_batch_count(fbatch);
}

unsigned find_lock_entries(struct address_space *mapping, pgoff_t *start, pgoff_t end,
			   struct folio_batch *fbatch, pgoff_t *indices)
{
	return __find_entries(mapping, start, end, fbatch, indices, true);
}

unsigned find_get_entries(struct address_space *mapping, pgoff_t *start, pgoff_t end,
			  struct folio_batch *fbatch, pgoff_t *indices)
{
	return __find_entries(mapping, start, end, fbatch, indices, false);
}

/*
 * ->fault of a file mapping: the page-cache folio at vmf->pgoff, read in
 * (here: a new zeroed folio added to the cache) if absent. Returns it
 * referenced in vmf->folio, for finish_fault() to map.
 */
vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct address_space *mapping = vmf->vma->vm_file->f_mapping;
	struct folio *folio;
	int err;

	for (;;) {
		folio = filemap_get_folio(mapping, vmf->pgoff);
		if (folio)
			break;
		folio = folio_alloc(mapping->gfp_mask | GFP_KERNEL | __GFP_ZERO, 0);
		if (!folio)
			return VM_FAULT_OOM;
		err = filemap_add_folio(mapping, folio, vmf->pgoff, GFP_KERNEL);
		if (!err) {
			/* the cache holds its reference; this one is the fault's */
			folio_unlock(folio);
			break;
		}
		folio_put(folio);
		if (err != -EEXIST)
			return VM_FAULT_OOM;
	}
	vmf->folio = folio;
	return 0;
}

const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
};
