// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-CPU interrupt state: see <linux/hardirq.h>. */
#include <linux/hardirq.h>

DEFINE_PER_CPU_ALIGNED(irq_cpustat_t, irq_stat);
DEFINE_PER_CPU(int, hardirq_nesting);
