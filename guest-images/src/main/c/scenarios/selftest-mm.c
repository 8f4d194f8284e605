// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-mm: user address spaces, VMAs, user page tables and faults.
 *
 * Before the checkpoint (scenario_setup, CPU 0, in a private mm):
 * anonymous, read-only, file-backed and THP mappings faulted in through
 * put_user/get_user; the page tables a fault built (4 levels, a huge pmd
 * for the VM_HUGEPAGE range); mapcounts and refcounts of what got mapped;
 * -EFAULT for an unmapped address, a write to a read-only VMA, and with
 * page faults disabled; munmap freeing pages, page-cache mapping
 * references and page tables (after a grace period).
 *
 * Explored (every CPU at once, one shared mm): each CPU faults in its own
 * pages and the shared ones, concurrently; all CPUs must see the same
 * page for a shared address (one fault wins, the others find it mapped);
 * then CPU 0 unmaps everything while the others are done, and the pages
 * go back to the allocator. A page-table race here shows up as a CHECK, a
 * use-after-free or a refcount report.
 */
#include "selftest.h"
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mmap_lock.h>
#include <linux/pagemap.h>
#include <linux/rcupdate.h>
#include <linux/rmap.h>
#include <linux/sched.h>

#define ANON_BASE	0x0000000010000000UL
#define RO_BASE		0x0000000020000000UL
#define FILE_BASE	0x0000000030000000UL
#define THP_BASE	0x0000000040000000UL
#define SHARED_BASE	0x0000000050000000UL

static struct address_space file_mapping;
static struct file file = { .f_mapping = &file_mapping };
static struct mm_struct *shared_mm;
static struct selftest_barrier mapped_barrier, faulted_barrier, done_barrier;
static unsigned long seen[NR_CPUS][4];

static struct folio *folio_at(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);
	pmd_t v;
	pte_t pte;

	if (!pmd)
		return NULL;
	v = pmdp_get(pmd);
	if (pmd_none(v))
		return NULL;
	if (pmd_trans_huge(v))
		return page_folio(pfn_to_page(pmd_pfn(v)));
	pte = ptep_get(pte_offset_map(pmd, addr));
	return pte_present(pte) ? page_folio(pfn_to_page(pte_pfn(pte))) : NULL;
}

static void check_private_mm(void)
{
	unsigned long before = nr_free_pages(), v, addr;
	struct mm_struct *mm = mm_alloc();
	struct folio *folio;
	pmd_t *pmd;
	int err;

	CHECK(mm, "mm_alloc failed");
	kthread_use_mm(mm);
	CHECK(current->mm == mm && current->active_mm == mm, "kthread_use_mm did not switch");

	mmap_write_lock(mm);
	addr = do_mmap(mm, NULL, ANON_BASE, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, 0);
	CHECK(addr == ANON_BASE, "anon mmap at %lx: %lx", ANON_BASE, addr);
	CHECK(do_mmap(mm, NULL, ANON_BASE + PAGE_SIZE, PAGE_SIZE, PROT_READ,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, 0) == (unsigned long)-EEXIST,
	      "an overlapping MAP_FIXED mmap succeeded");
	addr = do_mmap(mm, NULL, RO_BASE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, 0);
	CHECK(addr == RO_BASE, "read-only mmap: %lx", addr);
	addr = do_mmap(mm, &file, FILE_BASE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_FIXED, 0, 3);
	CHECK(addr == FILE_BASE, "file mmap: %lx", addr);
	addr = do_mmap(mm, NULL, THP_BASE, HPAGE_PMD_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, VM_HUGEPAGE, 0);
	CHECK(addr == THP_BASE, "THP mmap: %lx", addr);
	addr = do_mmap(mm, NULL, 0, 3 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0, 0);
	CHECK(addr && !IS_ERR_VALUE(addr) && !(addr & ~PAGE_MASK), "free-address mmap: %lx", addr);
	CHECK(mm->map_count == 5, "map_count %d, want 5", mm->map_count);
	CHECK(vma_lookup(mm, ANON_BASE + 3 * PAGE_SIZE + 8)->vm_start == ANON_BASE, "vma_lookup inside");
	CHECK(!vma_lookup(mm, ANON_BASE + 4 * PAGE_SIZE), "vma_lookup past the end");
	CHECK(find_vma(mm, ANON_BASE + 4 * PAGE_SIZE)->vm_start == RO_BASE, "find_vma of the gap");
	mmap_write_unlock(mm);

	/* anonymous: a write fault maps a zeroed page, reads see the write */
	CHECK(get_user(v, (unsigned long *)(ANON_BASE + PAGE_SIZE)) == 0 && v == 0, "fresh anon page not zero");
	CHECK(put_user(0x5eedUL, (unsigned long *)(ANON_BASE + 2 * PAGE_SIZE + 16)) == 0, "put_user anon");
	CHECK(get_user(v, (unsigned long *)(ANON_BASE + 2 * PAGE_SIZE + 16)) == 0 && v == 0x5eed, "read back %lx", v);
	folio = folio_at(mm, ANON_BASE + 2 * PAGE_SIZE);
	CHECK(folio && folio_ref_count(folio) == 1 && folio_mapcount(folio) == 1,
	      "anon folio: ref %d map %d", folio ? folio_ref_count(folio) : -1, folio ? folio_mapcount(folio) : -1);
	CHECK(*(unsigned long *)(folio_address(folio) + 16) == 0x5eed, "the direct map disagrees");
	pmd = mm_find_pmd(mm, ANON_BASE);
	CHECK(pmd && !pmd_none(pmdp_get(pmd)) && !pmd_leaf(pmdp_get(pmd)), "no pte table for anon");

	/* read-only: reads fault in, writes fail */
	CHECK(get_user(v, (unsigned long *)RO_BASE) == 0, "read of a read-only VMA");
	err = put_user(1UL, (unsigned long *)RO_BASE);
	CHECK(err == -EFAULT, "write to a read-only VMA: %d", err);
	CHECK(last_fault_address() == RO_BASE && last_fault_is_write(), "last fault %lx", last_fault_address());
	/* unmapped: -EFAULT */
	CHECK(get_user(v, (unsigned long *)(RO_BASE + PAGE_SIZE)) == -EFAULT, "read of a hole");
	/* page faults disabled: even a mapped-but-absent page fails */
	pagefault_disable();
	err = get_user(v, (unsigned long *)(ANON_BASE + 3 * PAGE_SIZE));
	pagefault_enable();
	CHECK(err == -EFAULT, "faulted with page faults disabled: %d", err);

	/* file: the page cache's folio is what gets mapped */
	CHECK(put_user(0xf11eUL, (unsigned long *)(FILE_BASE + PAGE_SIZE)) == 0, "put_user file");
	folio = filemap_get_folio(&file_mapping, 4);
	CHECK(folio && *(unsigned long *)folio_address(folio) == 0xf11e, "page cache index 4 missing the write");
	CHECK(folio_ref_count(folio) == 3 && folio_mapcount(folio) == 1,
	      "file folio: ref %d (cache + mapping + ours) map %d", folio_ref_count(folio), folio_mapcount(folio));
	folio_put(folio);

	/* THP: one huge pmd, a 2 MiB folio */
	CHECK(put_user(7UL, (unsigned long *)(THP_BASE + 0x12345 * 8)) == 0, "put_user THP");
	pmd = mm_find_pmd(mm, THP_BASE);
	CHECK(pmd && pmd_trans_huge(pmdp_get(pmd)), "no huge pmd at %lx", THP_BASE);
	folio = folio_at(mm, THP_BASE + 0x12345 * 8);
	CHECK(folio && folio_order(folio) == HPAGE_PMD_ORDER && folio_entire_mapcount(folio) == 1 &&
	      folio_ref_count(folio) == 1, "THP folio order %u", folio ? folio_order(folio) : 0);

	/* munmap: pages and the mapping's references go */
	CHECK(vm_munmap(mm, ANON_BASE, PAGE_SIZE) == -EINVAL, "munmap of part of a VMA succeeded");
	CHECK(vm_munmap(mm, ANON_BASE, 4 * PAGE_SIZE) == 0, "munmap anon");
	CHECK(get_user(v, (unsigned long *)(ANON_BASE + 2 * PAGE_SIZE)) == -EFAULT, "read after munmap");
	CHECK(vm_munmap(mm, FILE_BASE, 2 * PAGE_SIZE) == 0, "munmap file");
	folio = filemap_get_folio(&file_mapping, 4);
	CHECK(folio && folio_ref_count(folio) == 2 && !folio_mapped(folio), "file folio after munmap: ref %d",
	      folio ? folio_ref_count(folio) : -1);
	folio_put(folio);
	truncate_inode_pages(&file_mapping, 0);

	kthread_unuse_mm(mm);
	CHECK(!current->mm && current->active_mm == &init_mm, "kthread_unuse_mm");
	mmput(mm);
	rcu_barrier();	/* deferred page tables, maple nodes */
	CHECK(nr_free_pages() == before, "leak: %lu free pages before, %lu after", before, nr_free_pages());
}

void scenario_setup(void)
{
	address_space_init_once(&file_mapping);
	check_private_mm();

	shared_mm = mm_alloc();
	CHECK(shared_mm, "mm_alloc");
	mmap_write_lock(shared_mm);
	CHECK(do_mmap(shared_mm, NULL, SHARED_BASE, (NR_CPUS + 1) * PAGE_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, 0) == SHARED_BASE, "shared mmap");
	mmap_write_unlock(shared_mm);
}

int scenario_main(unsigned int cpu)
{
	unsigned long *mine = (unsigned long *)(SHARED_BASE + (cpu + 1) * PAGE_SIZE);
	unsigned long *common = (unsigned long *)SHARED_BASE;
	unsigned long v, before = 0;
	unsigned int i;

	kthread_use_mm(shared_mm);
	selftest_barrier(&mapped_barrier);

	/* everyone faults the common page and its own, at once */
	CHECK(put_user(cpu + 1UL, mine) == 0, "cpu %u: own page", cpu);
	CHECK(put_user(0UL, common + cpu) == 0, "cpu %u: common page", cpu);
	seen[cpu][0] = (unsigned long)folio_at(shared_mm, (unsigned long)common);
	selftest_barrier(&faulted_barrier);

	for (i = 0; i < nr_cpu_ids; i++) {
		CHECK(seen[i][0] == seen[cpu][0], "cpu %u and %u mapped different common pages", cpu, i);
		CHECK(get_user(v, (unsigned long *)(SHARED_BASE + (i + 1) * PAGE_SIZE)) == 0 && v == i + 1UL,
		      "cpu %u: cpu %u's page reads %lx", cpu, i, v);
	}
	CHECK(folio_mapcount((struct folio *)seen[cpu][0]) == 1, "common page mapped %d times",
	      folio_mapcount((struct folio *)seen[cpu][0]));
	selftest_barrier(&done_barrier);

	if (cpu == 0) {
		before = nr_free_pages();
		CHECK(vm_munmap(shared_mm, SHARED_BASE, (NR_CPUS + 1) * PAGE_SIZE) == 0, "munmap shared");
		/* at least the mapped pages (RCU callbacks may free more meanwhile) */
		CHECK(nr_free_pages() >= before + nr_cpu_ids + 1, "munmap freed %lu pages, want %u",
		      nr_free_pages() - before, nr_cpu_ids + 1);
		CHECK(get_user(v, common) == -EFAULT, "read after munmap");
		pr_info("selftest-mm: %u CPUs ok\n", nr_cpu_ids);
	}
	kthread_unuse_mm(shared_mm);
	return 0;
}
