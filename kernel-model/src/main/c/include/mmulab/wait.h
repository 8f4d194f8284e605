/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Wait annotations for the emulator's hang oracle (HC_WAIT / HC_WAIT_DONE
 * in <mmulab/hypercall.h>): a CPU about to sleep says what it waits for,
 * so that a run in which every CPU ends up parked can be reported as
 *
 *	cpu 1 waits for 0x... (wait_var_event(&ack, READ_ONCE(ack)) at scenarios/x.c:42)
 *
 * wait_var_event() (<linux/wait_bit.h>) issues them itself; code that
 * open-codes a wait (prepare_to_wait_var / schedule / finish_wait_var)
 * brackets its schedule() with mmulab_wait() and finish_wait_var()
 * (which ends the annotation). They are annotations only: they neither
 * sleep nor order memory.
 */
#ifndef _MMULAB_WAIT_H
#define _MMULAB_WAIT_H

#include <mmulab/hypercall.h>

/* "what" should name the wait the way the source does, plus where it is */
static inline void mmulab_wait(const void *addr, const char *what)
{
	mmulab_hypercall(HC_WAIT, (unsigned long)addr, (unsigned long)what, 0, 0);
}

static inline void mmulab_wait_done(void)
{
	mmulab_hypercall(HC_WAIT_DONE, 0, 0, 0, 0);
}

#endif /* _MMULAB_WAIT_H */
