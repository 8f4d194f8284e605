/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Page frame numbers and physical addresses (PAGE_* from <asm/page.h>). */
#ifndef _LINUX_PFN_H
#define _LINUX_PFN_H

#ifndef __ASSEMBLER__
#include <linux/types.h>

#define PFN_ALIGN(x)		(((unsigned long)(x) + (PAGE_SIZE - 1)) & PAGE_MASK)
#define PFN_PHYS(pfn)		((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))
#endif /* __ASSEMBLER__ */

#endif /* _LINUX_PFN_H */
