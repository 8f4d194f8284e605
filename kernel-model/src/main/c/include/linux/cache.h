/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_CACHE_H
#define _LINUX_CACHE_H

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES

#ifndef __ASSEMBLER__
#include <linux/compiler.h>
#define ____cacheline_aligned	__aligned(SMP_CACHE_BYTES)
#define __cacheline_aligned	____cacheline_aligned
#endif

#endif /* _LINUX_CACHE_H */
