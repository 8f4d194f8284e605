/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * This kernel has exactly one thread per CPU and never preempts it, so
 * preempt_disable()/preempt_enable() are compiler barriers only; they exist
 * so that code can say what Linux says. (A preemptible configuration, for
 * scenarios that need one, would count here.)
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>

#define preempt_disable()		barrier()
#define preempt_enable()		barrier()
#define preempt_enable_no_resched()	barrier()
#define preemptible()			0

#endif /* _LINUX_PREEMPT_H */
