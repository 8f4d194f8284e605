// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * selftest-rcu: RCU grace periods and callbacks, SLAB_TYPESAFE_BY_RCU,
 * and the rwsem behind mmap_lock.
 *
 * Before the checkpoint (scenario_setup, CPU 0): nesting, synchronize_rcu()
 * and call_rcu()/rcu_barrier() on an idle machine, and the slab: objects
 * come back LIFO, a SLAB_TYPESAFE_BY_RCU cache reuses a freed object at
 * once and keeps its contents, its empty slab goes back to the page
 * allocator only after a grace period, a plain cache's at once.
 *
 * Explored, with two or more CPUs:
 *   grace period: CPU 1 enters rcu_read_lock(), picks up the published
 *     object (a page of its own), tells CPU 0, dawdles, sets a "done"
 *     flag, reads the object again and leaves. CPU 0 replaces the
 *     pointer, calls synchronize_rcu(), and then the flag must be set;
 *     it frees the old page, so a grace period that ended early is also
 *     a use-after-free for the oracle.
 *   typesafe: CPU 1 (again under RCU) holds an object of the
 *     SLAB_TYPESAFE_BY_RCU cache while CPU 0 frees it (its slab empties
 *     and is queued for RCU freeing) and reallocates from the cache; the
 *     reader may see the object reused, never its memory freed.
 *   callbacks: every CPU queues call_rcu() callbacks from inside and
 *     outside read-side sections; after rcu_barrier() every one has run.
 *   rwsem: every CPU takes init_mm.mmap_lock for writing (a non-atomic
 *     update of two counters) and for reading (the counters agree).
 *
 * Built with CONFIG_TINY_RCU (variant "tinyrcu", guest-images/pom.xml) it
 * checks tiny RCU on one CPU, the only configuration tiny RCU supports:
 *   make -C guest-images OUT=target/images VARIANT=tinyrcu \
 *	CFLAGS_EXTRA=-DCONFIG_TINY_RCU SCENARIOS=selftest-rcu
 */
#include "selftest.h"
#include <linux/mmap_lock.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#define MAGIC		0x7c0de5a1UL
#define CBS_PER_CPU	3
#define RWSEM_ROUNDS	2

struct obj {
	unsigned long magic;
	unsigned long gen;
	struct rcu_head rcu;
};

static struct kmem_cache *typesafe_cache, *plain_cache;

/* grace period */
static struct obj *gp_ptr;
static int reader_in __aligned(L1_CACHE_BYTES);
static int reader_done __aligned(L1_CACHE_BYTES);
/* typesafe */
static struct obj *ts_ptr;
static int ts_reader_in __aligned(L1_CACHE_BYTES);
/* callbacks */
static atomic_t cbs_run;
static struct rcu_head cb_heads[NR_CPUS][CBS_PER_CPU];
/* rwsem */
static struct {
	unsigned long a, b;
} locked __aligned(L1_CACHE_BYTES);

static struct selftest_barrier cb_barrier, done_barrier;
static unsigned long free_before;

static struct obj *new_page_obj(unsigned long gen)
{
	struct obj *o = (struct obj *)get_zeroed_page(GFP_KERNEL);

	CHECK(o, "no page");
	o->magic = MAGIC;
	o->gen = gen;
	return o;
}

static void count_cb(struct rcu_head *head)
{
	(void)head;
	atomic_inc(&cbs_run);
}

static int setup_cb_ran;

static void setup_cb(struct rcu_head *head)
{
	(void)head;
	WRITE_ONCE(setup_cb_ran, 1);
}

static void check_rcu_api(void)
{
	static struct rcu_head head;
	unsigned long gps = rcu_gp_completed();

	rcu_read_lock();
	rcu_read_lock();
	CHECK(rcu_read_lock_held(), "not held inside rcu_read_lock()");
#ifdef CONFIG_TINY_RCU
	/* tiny RCU: a reader is a preempt-disabled section */
	CHECK(in_atomic(), "CONFIG_TINY_RCU reader not in_atomic()");
#endif
	rcu_read_unlock();
	CHECK(rcu_read_lock_held(), "nested rcu_read_unlock() ended the section");
	rcu_read_unlock();
	CHECK(!rcu_read_lock_held() && !in_atomic(), "still in a read-side section");

	synchronize_rcu();
	CHECK(rcu_gp_completed() > gps, "synchronize_rcu() without a grace period (%lu -> %lu)", gps,
	      rcu_gp_completed());
	call_rcu(&head, setup_cb);
	rcu_barrier();
	CHECK(READ_ONCE(setup_cb_ran), "rcu_barrier() returned before the callback ran");
}

static void check_slab(void)
{
	unsigned long before = nr_free_pages();
	struct obj *a, *b, *c;

	a = kmem_cache_alloc(typesafe_cache, GFP_KERNEL);
	b = kmem_cache_alloc(typesafe_cache, GFP_KERNEL);
	CHECK(a && b && a != b, "typesafe allocations %p %p", a, b);
	CHECK(virt_to_page(a) == virt_to_page(b), "two small objects in different slabs");
	CHECK(PageSlab(virt_to_page(a)), "a slab page is not PageSlab");
	a->magic = MAGIC;
	a->gen = 1;
	kmem_cache_free(typesafe_cache, a);
	/* typesafe: the object keeps its contents and comes back at once */
	CHECK(a->magic == MAGIC && a->gen == 1, "freed typesafe object changed: %#lx %lu", a->magic, a->gen);
	c = kmem_cache_alloc(typesafe_cache, GFP_KERNEL);
	CHECK(c == a, "a freed object was not reused at once (%p, freed %p)", c, a);
	kmem_cache_free(typesafe_cache, b);
	kmem_cache_free(typesafe_cache, c);
	/* the slab is empty: its page goes back only after a grace period */
	CHECK(kmem_cache_nr_slabs(typesafe_cache) == 1, "typesafe slab gone before a grace period");
	CHECK(PageSlab(virt_to_page(a)), "typesafe slab page freed before a grace period");
	rcu_barrier();
	CHECK(kmem_cache_nr_slabs(typesafe_cache) == 0, "typesafe slab still there after rcu_barrier()");
	CHECK(nr_free_pages() == before, "typesafe slab page not freed: %lu free, %lu before", nr_free_pages(), before);

	a = kmem_cache_alloc(plain_cache, GFP_KERNEL | __GFP_ZERO);
	CHECK(a && a->magic == 0, "plain cache allocation");
	kmem_cache_free(plain_cache, a);
	CHECK(kmem_cache_nr_slabs(plain_cache) == 0 && nr_free_pages() == before,
	      "plain slab not freed at once: %lu slabs, %lu free, %lu before",
	      kmem_cache_nr_slabs(plain_cache), nr_free_pages(), before);
}

void scenario_setup(void)
{
	typesafe_cache = kmem_cache_create("selftest_typesafe", sizeof(struct obj), 0,
					   SLAB_TYPESAFE_BY_RCU | SLAB_PANIC, NULL);
	plain_cache = kmem_cache_create("selftest_plain", sizeof(struct obj), 0, SLAB_PANIC, NULL);
	check_rcu_api();
	check_slab();

	free_before = nr_free_pages();
	gp_ptr = new_page_obj(1);
	ts_ptr = kmem_cache_alloc(typesafe_cache, GFP_KERNEL);
	CHECK(ts_ptr, "typesafe allocation");
	ts_ptr->magic = MAGIC;
	ts_ptr->gen = 1;
	pr_info("selftest-rcu: API ok\n");
}

static void gp_reader(void)
{
	struct obj *o;

	rcu_read_lock();
	o = rcu_dereference(gp_ptr);
	CHECK(o->magic == MAGIC, "reader: bad object %#lx", o->magic);
	store_release_wake_up(&reader_in, 1);
	selftest_delay(20);
	WRITE_ONCE(reader_done, 1);
	CHECK(READ_ONCE(o->magic) == MAGIC, "reader: object changed under RCU: %#lx", READ_ONCE(o->magic));
	rcu_read_unlock();
}

static void gp_updater(void)
{
	struct obj *old = gp_ptr, *new = new_page_obj(2);

	wait_var_event(&reader_in, smp_load_acquire(&reader_in));
	rcu_assign_pointer(gp_ptr, new);
	synchronize_rcu();
	CHECK(READ_ONCE(reader_done), "synchronize_rcu() returned while the reader was still inside");
	old->magic = 0;
	free_page((unsigned long)old);
}

static void ts_reader(void)
{
	struct obj *o;
	unsigned long magic;

	rcu_read_lock();
	o = rcu_dereference(ts_ptr);
	store_release_wake_up(&ts_reader_in, 1);
	selftest_delay(20);
	/* freed and maybe reused meanwhile: still an object of this cache */
	magic = READ_ONCE(o->magic);
	CHECK(magic == MAGIC || magic == MAGIC + 1, "typesafe object is not one: %#lx", magic);
	rcu_read_unlock();
}

static void ts_updater(void)
{
	struct obj *o = ts_ptr, *n;

	wait_var_event(&ts_reader_in, smp_load_acquire(&ts_reader_in));
	WRITE_ONCE(ts_ptr, NULL);
	kmem_cache_free(typesafe_cache, o);
	n = kmem_cache_alloc(typesafe_cache, GFP_KERNEL);
	CHECK(n, "typesafe allocation");
	WRITE_ONCE(n->magic, MAGIC + 1);
	kmem_cache_free(typesafe_cache, n);
}

static void callbacks(unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < CBS_PER_CPU; i++) {
		if (i & 1)
			rcu_read_lock();
		call_rcu(&cb_heads[cpu][i], count_cb);
		if (i & 1)
			rcu_read_unlock();
	}
	selftest_barrier(&cb_barrier);
	rcu_barrier();
	CHECK(atomic_read(&cbs_run) == (int)(nr_cpu_ids * CBS_PER_CPU),
	      "cpu %u: after rcu_barrier() %d of %u callbacks ran", cpu, atomic_read(&cbs_run),
	      nr_cpu_ids * CBS_PER_CPU);
}

static void rwsem_rounds(unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < RWSEM_ROUNDS; i++) {
		unsigned long a, b;

		mmap_write_lock(&init_mm);
		a = READ_ONCE(locked.a);
		WRITE_ONCE(locked.a, a + 1);
		WRITE_ONCE(locked.b, READ_ONCE(locked.b) + 1);
		mmap_write_unlock(&init_mm);

		mmap_read_lock(&init_mm);
		a = READ_ONCE(locked.a);
		b = READ_ONCE(locked.b);
		CHECK(a == b, "cpu %u: under mmap_read_lock a %lu b %lu", cpu, a, b);
		mmap_read_unlock(&init_mm);
	}
}

int scenario_main(unsigned int cpu)
{
	if (cpu == 1) {
		gp_reader();
		ts_reader();
	} else if (cpu == 0 && nr_cpu_ids > 1) {
		gp_updater();
		ts_updater();
	}
	callbacks(cpu);
	rwsem_rounds(cpu);

	selftest_barrier(&done_barrier);
	if (cpu == 0) {
		CHECK(READ_ONCE(locked.a) == nr_cpu_ids * RWSEM_ROUNDS, "rwsem count %lu", READ_ONCE(locked.a));
		CHECK(!rwsem_is_locked(&init_mm.mmap_lock), "mmap_lock still held");
		if (nr_cpu_ids == 1) {
			free_page((unsigned long)gp_ptr);
			kmem_cache_free(typesafe_cache, ts_ptr);
		} else {
			free_page((unsigned long)gp_ptr);
		}
		rcu_barrier();
		CHECK(kmem_cache_nr_slabs(typesafe_cache) == 0, "typesafe slabs left: %lu",
		      kmem_cache_nr_slabs(typesafe_cache));
		CHECK(nr_free_pages() == free_before, "pages leaked: %lu free, %lu before", nr_free_pages(),
		      free_before);
		pr_info("selftest-rcu: %u CPUs ok, %lu grace periods\n", nr_cpu_ids, rcu_gp_completed());
	}
	return 0;
}
