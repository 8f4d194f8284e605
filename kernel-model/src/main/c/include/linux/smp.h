/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMP bring-up and CPU identity.
 *
 * CPU 0 brings the others up in smp_init() by writing the physical address
 * of the arch's secondary entry into mmulab_spin_table[cpu] (see
 * <mmulab/boot.h>); each secondary enables translation, calls
 * secondary_start_kernel(cpu) and marks itself online.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>

#define raw_smp_processor_id()	this_cpu_read(pcpu_hot.cpu_number)
/* No preemption, no migration: the raw id is always the right one. */
#define smp_processor_id()	raw_smp_processor_id()

void smp_prepare_boot_cpu(void);
void smp_init(void);
void __noreturn secondary_start_kernel(unsigned int cpu);

#endif /* _LINUX_SMP_H */
