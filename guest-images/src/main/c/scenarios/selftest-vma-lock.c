// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-vma-lock: per-VMA locks on vm_refcnt (mm/mmap_lock.c).
 *
 * Before the checkpoint (scenario_setup, CPU 0, a private mm):
 * vm_refcnt of a fresh object (0: detached), after do_mmap (1: attached),
 * with readers (1 + n); a new VMA is write-locked until
 * mmap_write_unlock(); vma_start_read() fails while the VMA is
 * write-locked in the current mmap_lock write section (vm_lock_seq ==
 * mm_lock_seq) and succeeds once mmap_write_unlock() ended it; -EAGAIN
 * for a detached VMA; the reader limit and a writer's VMA_LOCK_OFFSET stop
 * readers; lock_vma_under_rcu() finds the VMA holding an address and
 * NULL for holes and detached VMAs; a fault goes through the per-VMA lock
 * (VMA_LOCK_SUCCESS), one on a hole through the mmap_lock.
 *
 * Explored (one shared mm): with 2+ CPUs, CPU 0's vma_start_write()
 * sleeps until CPU 1's reader of the same VMA has left (wait/wake on
 * vm_refcnt); then every CPU but the last faults its own pages in under
 * the per-VMA lock while the last CPU maps and unmaps other ranges of the
 * same mm (with 1 CPU, one after the other). Each faulting CPU's faults
 * must all succeed under the VMA lock (none falls back), the values must
 * read back, and the churn must leave no VMA behind.
 */
//! cflags: -DFIX_VMA_RECHECK
#include "selftest.h"
#include <linux/err.h>
#include <linux/mmap_lock.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/sched.h>

#define V1		0x0000000010000000UL	/* 4 pages, read-write */
#define V2		0x0000000010010000UL	/* 1 page, read-only */
#define V3		0x0000000010020000UL	/* 2 pages */
#define WV		0x0000000020000000UL	/* the writer-waits-for-reader VMA */
#define OWN_BASE	0x0000000030000000UL	/* CPU n: 2 pages at OWN_BASE + n * 64 KiB */
#define CHURN_BASE	0x0000000040000000UL
#define OWN_PAGES	2
#define CHURN_ROUNDS	3

static struct mm_struct *smm;
static struct selftest_barrier start_barrier, churn_barrier, done_barrier;
static int reader_in __aligned(L1_CACHE_BYTES);
static int reader_leaving __aligned(L1_CACHE_BYTES);

static unsigned int refs(struct vm_area_struct *vma)
{
	return refcount_read(&vma->vm_refcnt);
}

static unsigned long mmap_fixed(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long prot)
{
	return do_mmap(mm, NULL, addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, 0);
}

static unsigned long events(enum vma_lock_event e)
{
	return READ_ONCE(vma_lock_events[smp_processor_id()][e]);
}

static void check_private_mm(void)
{
	unsigned long before = nr_free_pages(), ok, aborts, v;
	struct vm_area_struct *vma, *v1, *v2, *v3, *r;
	struct mm_struct *mm = mm_alloc();
	unsigned int seq;

	CHECK(mm, "mm_alloc");
	kthread_use_mm(mm);

	/* a fresh object is detached and not write-locked by anyone */
	vma = vm_area_alloc(mm);
	CHECK(vma && refs(vma) == 0 && vma->vm_lock_seq == UINT_MAX,
	      "fresh vm_area_struct: refcnt %u lock_seq %u", refs(vma), vma->vm_lock_seq);
	vm_area_free(vma);

	seq = mm->mm_lock_seq;
	CHECK(!(seq & 1), "mm_lock_seq %u odd with the mmap_lock free", seq);
	mmap_write_lock(mm);
	CHECK(mm->mm_lock_seq == seq + 1, "mmap_write_lock: mm_lock_seq %u, want %u", mm->mm_lock_seq, seq + 1);
	CHECK(mmap_fixed(mm, V1, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE) == V1, "mmap V1");
	CHECK(mmap_fixed(mm, V2, PAGE_SIZE, PROT_READ) == V2, "mmap V2");
	CHECK(mmap_fixed(mm, V3, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE) == V3, "mmap V3");
	v1 = vma_lookup(mm, V1);
	v2 = vma_lookup(mm, V2);
	v3 = vma_lookup(mm, V3);
	CHECK(v1 && v2 && v3 && v1 != v2 && v2 != v3, "vma_lookup after mmap");
	/* attached: the attach reference; new: write-locked in this section */
	CHECK(refs(v1) == 1 && refs(v2) == 1 && refs(v3) == 1, "attached refcnts %u %u %u",
	      refs(v1), refs(v2), refs(v3));
	CHECK(v1->vm_lock_seq == mm->mm_lock_seq, "a new VMA is not write-locked: %u vs %u",
	      v1->vm_lock_seq, mm->mm_lock_seq);
	CHECK(vma_start_read(mm, v1) == NULL && refs(v1) == 1,
	      "vma_start_read of a VMA write-locked by this section: refcnt %u", refs(v1));
	mmap_write_unlock(mm);
	CHECK(mm->mm_lock_seq == seq + 2, "mmap_write_unlock: mm_lock_seq %u", mm->mm_lock_seq);

	/* mmap_write_unlock() released the write locks: readers are counted */
	CHECK(vma_start_read(mm, v1) == v1 && refs(v1) == 2, "first reader: refcnt %u", refs(v1));
	CHECK(vma_start_read(mm, v1) == v1 && refs(v1) == 3, "second reader: refcnt %u", refs(v1));
	vma_end_read(v1);
	vma_end_read(v1);
	CHECK(refs(v1) == 1, "readers gone: refcnt %u", refs(v1));

	/* an explicit write lock: same mm_lock_seq, readers fail until the unlock */
	mmap_write_lock(mm);
	vma_start_write(v2);
	CHECK(v2->vm_lock_seq == mm->mm_lock_seq && refs(v2) == 1,
	      "vma_start_write: lock_seq %u (mm %u) refcnt %u", v2->vm_lock_seq, mm->mm_lock_seq, refs(v2));
	CHECK(vma_start_read(mm, v2) == NULL && refs(v2) == 1, "read-locked a write-locked VMA");
	CHECK(vma_start_read(mm, v1) == v1, "v1 is not write-locked but cannot be read-locked");
	vma_end_read(v1);
	mmap_write_unlock(mm);
	CHECK(vma_start_read(mm, v2) == v2 && refs(v2) == 2, "mmap_write_unlock kept v2 write-locked");
	vma_end_read(v2);

	/* the reader limit, and a writer's share, stop readers without a change */
	refcount_set(&v3->vm_refcnt, VMA_REF_LIMIT);
	CHECK(vma_start_read(mm, v3) == NULL && refs(v3) == VMA_REF_LIMIT, "a reader past the limit");
	refcount_set(&v3->vm_refcnt, VMA_REF_LIMIT - 1);
	CHECK(vma_start_read(mm, v3) == v3 && refs(v3) == VMA_REF_LIMIT, "the last reader under the limit");
	vma_end_read(v3);
	refcount_set(&v3->vm_refcnt, VMA_LOCK_OFFSET + 1);
	CHECK(vma_start_read(mm, v3) == NULL && refs(v3) == VMA_LOCK_OFFSET + 1,
	      "a reader got in while a writer drains");
	refcount_set(&v3->vm_refcnt, 1);

	/* lock_vma_under_rcu: the VMA that holds the address, NULL for holes */
	r = lock_vma_under_rcu(mm, V1);
	CHECK(r == v1 && refs(v1) == 2, "lock_vma_under_rcu(V1): %p", r);
	vma_end_read(r);
	r = lock_vma_under_rcu(mm, V1 + 4 * PAGE_SIZE - 1);
	CHECK(r == v1, "lock_vma_under_rcu(last byte of V1): %p", r);
	vma_end_read(r);
	r = lock_vma_under_rcu(mm, V3 + PAGE_SIZE + 8);
	CHECK(r == v3 && refs(v3) == 2, "lock_vma_under_rcu(V3 + 1 page): %p", r);
	vma_end_read(r);
	CHECK(!lock_vma_under_rcu(mm, V1 + 4 * PAGE_SIZE), "a VMA for the hole after V1");
	CHECK(!lock_vma_under_rcu(mm, V1 - 1), "a VMA for the hole before V1");
	CHECK(!lock_vma_under_rcu(mm, V3 + 2 * PAGE_SIZE), "a VMA for the hole after V3");
	CHECK(refs(v1) == 1 && refs(v2) == 1 && refs(v3) == 1, "lookups leaked references: %u %u %u",
	      refs(v1), refs(v2), refs(v3));

	/* detached (out of the tree, not yet freed): -EAGAIN; then attached again */
	mmap_write_lock(mm);
	vma_start_write(v3);
	mtree_erase(&mm->mm_mt, v3->vm_start);
	vma_mark_detached(v3);
	CHECK(refs(v3) == 0, "detached: refcnt %u", refs(v3));
	mmap_write_unlock(mm);
	r = vma_start_read(mm, v3);
	CHECK(r == ERR_PTR(-EAGAIN) && refs(v3) == 0, "vma_start_read of a detached VMA: %p", r);
	CHECK(!lock_vma_under_rcu(mm, V3), "lock_vma_under_rcu found a detached VMA");
	mmap_write_lock(mm);
	vma_start_write(v3);
	vma_mark_attached(v3);
	CHECK(refs(v3) == 1, "attached again: refcnt %u", refs(v3));
	CHECK(mtree_store_range(&mm->mm_mt, v3->vm_start, v3->vm_end - 1, v3) == 0, "tree store");
	mmap_write_unlock(mm);
	r = lock_vma_under_rcu(mm, V3);
	CHECK(r == v3, "lock_vma_under_rcu after re-attaching: %p", r);
	vma_end_read(r);

	/* faults: under the VMA lock where there is a VMA, the mmap_lock for a hole */
	ok = events(VMA_LOCK_SUCCESS);
	aborts = events(VMA_LOCK_ABORT);
	CHECK(put_user(0xabcUL, (unsigned long *)(V1 + PAGE_SIZE)) == 0, "put_user V1");
	CHECK(get_user(v, (unsigned long *)(V1 + PAGE_SIZE)) == 0 && v == 0xabc, "read back %lx", v);
	CHECK(events(VMA_LOCK_SUCCESS) == ok + 1 && events(VMA_LOCK_ABORT) == aborts,
	      "fault on V1: %lu under the VMA lock, %lu fell back", events(VMA_LOCK_SUCCESS) - ok,
	      events(VMA_LOCK_ABORT) - aborts);
	CHECK(put_user(1UL, (unsigned long *)V2) == -EFAULT, "write to read-only V2");
	CHECK(get_user(v, (unsigned long *)(V2 + PAGE_SIZE)) == -EFAULT, "read of a hole");
	CHECK(events(VMA_LOCK_ABORT) == aborts + 1, "the hole's fault did not fall back: %lu",
	      events(VMA_LOCK_ABORT) - aborts);
	CHECK(refs(v1) == 1 && refs(v2) == 1, "faults leaked references: %u %u", refs(v1), refs(v2));

	kthread_unuse_mm(mm);
	mmput(mm);
	rcu_barrier();
	CHECK(nr_free_pages() == before, "leak: %lu free pages before, %lu after", before, nr_free_pages());
}

void scenario_setup(void)
{
	unsigned int cpu;

	check_private_mm();

	smm = mm_alloc();
	CHECK(smm, "mm_alloc");
	mmap_write_lock(smm);
	CHECK(mmap_fixed(smm, WV, PAGE_SIZE, PROT_READ | PROT_WRITE) == WV, "mmap WV");
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		CHECK(mmap_fixed(smm, OWN_BASE + cpu * SZ_64K, OWN_PAGES * PAGE_SIZE,
				 PROT_READ | PROT_WRITE) == OWN_BASE + cpu * SZ_64K, "mmap own %u", cpu);
	mmap_write_unlock(smm);
}

/*
 * A writer waits for a reader on another CPU:
 *
 *   CPU 1                              CPU 0
 *   vma = lock_vma_under_rcu(WV)       wait for reader_in
 *   reader_in = 1                      mmap_write_lock
 *   ...                                vma_start_write(vma): refcnt 2 + OFFSET,
 *                                        sleeps until it is 1 + OFFSET
 *   reader_leaving = 1
 *   vma_end_read(vma): the last reader,
 *     wakes the writer                 sees reader_leaving, refcnt 1
 */
static void writer_waits_for_reader(unsigned int cpu)
{
	struct vm_area_struct *vma;

	if (cpu == 1) {
		vma = lock_vma_under_rcu(smm, WV);
		CHECK(vma, "cpu 1: no read lock on WV");
		store_release_wake_up(&reader_in, 1);
		selftest_delay(20);
		WRITE_ONCE(reader_leaving, 1);
		vma_end_read(vma);
	} else if (cpu == 0) {
		wait_var_event(&reader_in, smp_load_acquire(&reader_in));
		mmap_write_lock(smm);
		vma = vma_lookup(smm, WV);
		vma_start_write(vma);
		CHECK(READ_ONCE(reader_leaving), "vma_start_write returned with the reader inside");
		CHECK(refs(vma) == 1 && vma->vm_lock_seq == smm->mm_lock_seq,
		      "write-locked WV: refcnt %u", refs(vma));
		mmap_write_unlock(smm);
	}
}

static void fault_own_pages(unsigned int cpu)
{
	unsigned long base = OWN_BASE + cpu * SZ_64K, ok = events(VMA_LOCK_SUCCESS), v;
	unsigned long aborts = events(VMA_LOCK_ABORT), retries = events(VMA_LOCK_RETRY);
	unsigned int i;

	for (i = 0; i < OWN_PAGES; i++)
		CHECK(put_user(cpu * 100UL + i, (unsigned long *)(base + i * PAGE_SIZE)) == 0,
		      "cpu %u: put_user page %u", cpu, i);
	for (i = 0; i < OWN_PAGES; i++)
		CHECK(get_user(v, (unsigned long *)(base + i * PAGE_SIZE)) == 0 && v == cpu * 100UL + i,
		      "cpu %u: page %u reads %lx", cpu, i, v);
	/* the churn never write-locks these VMAs: no fault may fall back */
	CHECK(events(VMA_LOCK_SUCCESS) - ok == OWN_PAGES && events(VMA_LOCK_ABORT) == aborts &&
	      events(VMA_LOCK_RETRY) == retries,
	      "cpu %u: %lu faults under the VMA lock (want %u), %lu aborted, %lu retried", cpu,
	      events(VMA_LOCK_SUCCESS) - ok, OWN_PAGES, events(VMA_LOCK_ABORT) - aborts,
	      events(VMA_LOCK_RETRY) - retries);
}

static void churn(void)
{
	unsigned long addr, v;
	unsigned int i;

	for (i = 0; i < CHURN_ROUNDS; i++) {
		addr = CHURN_BASE + i * SZ_64K;
		CHECK(vm_mmap(smm, NULL, addr, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0) == addr, "churn mmap %u", i);
		CHECK(put_user((unsigned long)i, (unsigned long *)addr) == 0 &&
		      get_user(v, (unsigned long *)addr) == 0 && v == i, "churn page %u", i);
		CHECK(vm_munmap(smm, addr, 2 * PAGE_SIZE) == 0, "churn munmap %u", i);
	}
}

int scenario_main(unsigned int cpu)
{
	unsigned int last = nr_cpu_ids - 1;
	unsigned long addr;

	kthread_use_mm(smm);
	selftest_barrier(&start_barrier);
	if (nr_cpu_ids >= 2)
		writer_waits_for_reader(cpu);
	selftest_barrier(&churn_barrier);

	if (nr_cpu_ids == 1) {
		fault_own_pages(cpu);
		churn();
	} else if (cpu == last) {
		churn();
	} else {
		fault_own_pages(cpu);
	}
	selftest_barrier(&done_barrier);

	if (cpu == 0) {
		addr = CHURN_BASE;
		mmap_read_lock(smm);
		CHECK(!find_vma(smm, CHURN_BASE) || find_vma(smm, CHURN_BASE)->vm_start >= CHURN_BASE + SZ_1M,
		      "a churn VMA is left at %lx", find_vma(smm, addr)->vm_start);
		mmap_read_unlock(smm);
		pr_info("selftest-vma-lock: %u CPUs ok, %lu faults under the VMA lock\n", nr_cpu_ids,
			vma_lock_event_count(VMA_LOCK_SUCCESS));
	}
	kthread_unuse_mm(smm);
	return 0;
}
