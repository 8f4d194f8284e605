// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * refcount-underflow: one reference, dropped by two CPUs that each decide
 * from a racy look at the count that the last reference is theirs.
 *
 *	obj.ref = 1
 *	cpu 0 and cpu 1:
 *		if (refcount_read(&obj.ref) == 1)	"only my reference is left"
 *			if (refcount_dec_and_test(&obj.ref))
 *				release the object
 *
 * If both CPUs look before either drops, the second refcount_dec_and_test()
 * takes the count from 0 to -1: refcount_t reports the underflow to the
 * emulator (HC_REFCOUNT, MMULAB_REF_UNDERFLOW), which ends the run. If one
 * CPU drops first, the other sees 0 and leaves the object alone: done(0).
 */
#include <mmulab/scenario.h>

static struct {
	refcount_t ref;
	int released;
} obj __aligned(L1_CACHE_BYTES) = {
	.ref = REFCOUNT_INIT(1),
};

int scenario_main(unsigned int cpu)
{
	if (nr_cpu_ids < 2)
		panic("refcount-underflow needs at least 2 CPUs, have %u", nr_cpu_ids);
	if (cpu > 1)
		return 0;

	/* BUG: the count says nothing about who owns the reference */
	if (refcount_read(&obj.ref) == 1) {
		if (refcount_dec_and_test(&obj.ref))
			WRITE_ONCE(obj.released, 1);
	}
	return 0;
}
