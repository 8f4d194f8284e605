/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

#include <mmulab/hypercall.h>

/* One CPU per vCPU; the emulator never starts more than MMULAB_MAX_CPUS. */
#define NR_CPUS		MMULAB_MAX_CPUS

#endif /* _LINUX_THREADS_H */
