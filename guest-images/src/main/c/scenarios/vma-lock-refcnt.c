// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vma-lock-refcnt: the per-VMA lock on vm_refcnt, and a VMA object reused
 * by another mm under a lockless finder (SLAB_TYPESAFE_BY_RCU).
 *
 * Before the checkpoint (CPU 0): two address spaces A and B, the victim
 * (one read-only page of A), CPU 0 switched to A, and one vm_area_struct
 * allocated and kept, standing for the rest of the system's VMAs, so the
 * cache's slab never goes empty and a freed VMA is the next one allocated
 * (the slab freelist is LIFO: mm/slub.c).
 *
 *   CPU 0 (faults, mm A)         CPU 1 (mm A)              CPU 2 (mm B)
 *   put_user(VICTIM), repeatedly: munmap the victim:
 *    lock_vma_under_rcu(A)        vma_start_write
 *     rcu_read_lock()             mtree_erase
 *     vma = mtree_load(A, addr)   vma_mark_detached: 1 -> 0
 *                                 vm_area_free(vma)
 *                                                          vm_mmap(B, writable):
 *                                                           vm_area_alloc: vma again
 *                                                           vma_mark_attached: 0 -> 1
 *     vma_start_read(A, vma):
 *      1 -> 2, vm_lock_seq is B's, not A's: locked
 *    B's VMA is writable: handle_mm_fault(B's vma, A's address)
 *
 * Until the race hits, each write fails cheaply (the VMA found is A's
 * read-only one: -EFAULT), so CPU 0 keeps looking the victim up while
 * CPU 1 unmaps it; it stops once it sees the unmap done.
 *
 * Without FIX_VMA_RECHECK nothing notices that the VMA now belongs to B
 * and covers another range: the fault would map a page into B's page
 * tables at an address where B has no VMA (a page nobody ever unmaps),
 * and handle_mm_fault()'s sanity check (the VMA is current->mm's and
 * holds the address) is a VM_BUG_ON_VMA: outcome BUG. Fixed
 * (lock_vma_under_rcu rechecks vm_mm and the range after vma_start_read,
 * drops the lock and falls back to the mmap_lock, which finds the hole):
 * put_user() returns -EFAULT, the run ends done(0).
 *
 * Variants:
 *   writerbit      VMA_LOCK_WRITER_BIT: the writer's share is the top bit
 *                  0x80000000, which a saturating refcount_t reads as a
 *                  negative count: the first vma_start_write() (in
 *                  do_mmap, on CPU 1 here, after the checkpoint) is
 *                  reported as a refcount saturation.
 *   double-attach  VMA_DOUBLE_ATTACH: do_mmap attaches the VMA twice (an
 *                  increment): vm_refcnt is 2 with no reader, CPU 1's
 *                  munmap waits in vma_start_write() for the count to come
 *                  down to VMA_LOCK_OFFSET + 1, for ever; CPU 0 falls back
 *                  to mmap_read_lock() behind it, CPU 2 waits for the
 *                  unmap: every CPU sleeps, outcome HANG.
 *
 * Needs 3 CPUs.
 */
//! variant fixed: -DFIX_VMA_RECHECK
//! variant writerbit: -DVMA_LOCK_WRITER_BIT
//! variant double-attach: -DVMA_DOUBLE_ATTACH
#include <mmulab/scenario.h>
#include <linux/err.h>
#include <linux/mmap_lock.h>
#include <linux/sched.h>
#include <linux/slab.h>

#define VICTIM		0x0000000010000000UL
/*
 * A fault is ~80 steps: 30 outlast a whole run's steps (pct's k, ~1000),
 * so a change point while CPU 0 faults alone falls inside its loop; more
 * only lengthen the runs in which it faults alone after the last one.
 */
#define MAX_FAULTS	30

static struct mm_struct *mm_a, *mm_b;
static struct vm_area_struct *keeper;
static struct vm_area_struct *victim __aligned(L1_CACHE_BYTES);	/* set before mapped */
static int mapped __aligned(L1_CACHE_BYTES);
static int started __aligned(L1_CACHE_BYTES);
static int unmapped __aligned(L1_CACHE_BYTES);

/* the victim: one read-only page of A */
static void map_victim(void)
{
	unsigned long addr;

	addr = vm_mmap(mm_a, NULL, VICTIM, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	CHECK(addr == VICTIM, "vm_mmap(A): %lx", addr);
	mmap_read_lock(mm_a);
	WRITE_ONCE(victim, vma_lookup(mm_a, VICTIM));
	mmap_read_unlock(mm_a);
	store_release_wake_up(&mapped, 1);
}

void scenario_setup(void)
{
	if (nr_cpu_ids < 3)
		panic("vma-lock-refcnt needs 3 CPUs, have %u", nr_cpu_ids);
	mm_a = mm_alloc();
	mm_b = mm_alloc();
	BUG_ON(!mm_a || !mm_b);
	keeper = vm_area_alloc(mm_a);	/* never attached */
	BUG_ON(!keeper);
	/* CPU 0 faults in A: switch to it before the checkpoint */
	kthread_use_mm(mm_a);
#ifndef VMA_LOCK_WRITER_BIT
	/* (the writerbit build would report this first write lock before the checkpoint) */
	map_victim();
#endif
}

/*
 * CPU 0: write to the read-only victim until it is gone. Each write faults
 * and goes through lock_vma_under_rcu(), which finds the VMA, read-locks
 * it, sees no VM_WRITE and fails the access: a cheap fault, repeated, so
 * the unmap and the remap in B can fall between a lookup and its
 * vma_start_read(). Under B's VMA (which is writable) the fault would
 * proceed into handle_mm_fault().
 */
static int faulter(void)
{
	unsigned long *p = (unsigned long *)VICTIM;
	unsigned int i;
	int err;

	wait_var_event(&mapped, smp_load_acquire(&mapped));
	store_release_wake_up(&started, 1);
	/* a lookup after the unmap finds nothing: stop once it is seen done */
	for (i = 0; i < MAX_FAULTS && !smp_load_acquire(&unmapped); i++) {
		err = put_user(1UL, p);
		CHECK(err == -EFAULT, "write to the read-only victim at %lx: %d", VICTIM, err);
	}
	kthread_unuse_mm(mm_a);
	pr_info("faulter: %u faults, vma lock ok %lu abort %lu miss %lu\n", i,
		vma_lock_event_count(VMA_LOCK_SUCCESS), vma_lock_event_count(VMA_LOCK_ABORT),
		vma_lock_event_count(VMA_LOCK_MISS));
	return 0;
}

/* CPU 1: once CPU 0 faults, unmap the victim */
static int unmapper(void)
{
#ifdef VMA_LOCK_WRITER_BIT
	map_victim();
#endif
	wait_var_event(&started, smp_load_acquire(&started));

	CHECK(vm_munmap(mm_a, VICTIM, PAGE_SIZE) == 0, "vm_munmap(A)");
	store_release_wake_up(&unmapped, 1);
	return 0;
}

/* CPU 2: once the victim is freed, map something in B: the same object */
static int mapper(void)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	wait_var_event(&unmapped, smp_load_acquire(&unmapped));
	addr = vm_mmap(mm_b, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	CHECK(!IS_ERR_VALUE(addr), "vm_mmap(B): %ld", (long)addr);
	mmap_read_lock(mm_b);
	vma = vma_lookup(mm_b, addr);
	mmap_read_unlock(mm_b);
	/* the scenario's premise: the LIFO freelist hands the victim's object to B */
	CHECK(vma == READ_ONCE(victim), "B's VMA %p is not the reused victim %p", vma, READ_ONCE(victim));
	return 0;
}

int scenario_main(unsigned int cpu)
{
	switch (cpu) {
	case 0:
		return faulter();
	case 1:
		return unmapper();
	case 2:
		return mapper();
	default:
		return 0;
	}
}
