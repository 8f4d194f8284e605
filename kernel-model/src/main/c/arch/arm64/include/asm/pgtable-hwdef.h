/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 VMSAv8-64 translation table format, 4 KiB granule, 4 levels
 * (level 0 = pgd, 1 = pud, 2 = pmd, 3 = pte), 48-bit VA and PA, and the
 * TCR_EL1 / SCTLR_EL1 bits the kernel sets.
 */
#ifndef _ASM_ARM64_PGTABLE_HWDEF_H
#define _ASM_ARM64_PGTABLE_HWDEF_H

#include <linux/const.h>
#include <asm-generic/pgtable-types.h>	/* the level geometry */

/* descriptor types, bits [1:0] */
#define PTE_VALID		(_AC(1, UL) << 0)
#define PTE_TYPE_MASK		(_AC(3, UL) << 0)
#define PTE_TYPE_PAGE		(_AC(3, UL) << 0)	/* level 3 page */
#define PTE_TABLE_BIT		(_AC(1, UL) << 1)
#define PMD_TYPE_MASK		(_AC(3, UL) << 0)
#define PMD_TYPE_TABLE		(_AC(3, UL) << 0)
#define PMD_TYPE_SECT		(_AC(1, UL) << 0)	/* level 1/2 block */
#define PUD_TYPE_TABLE		(_AC(3, UL) << 0)
#define PUD_TYPE_SECT		(_AC(1, UL) << 0)
#define P4D_TYPE_TABLE		(_AC(3, UL) << 0)

/* lower attributes (pages and blocks alike) */
#define PTE_ATTRINDX(t)		(_AC(t, UL) << 2)
#define PTE_ATTRINDX_MASK	(_AC(7, UL) << 2)
#define PTE_USER		(_AC(1, UL) << 6)	/* AP[1]: EL0 access */
#define PTE_RDONLY		(_AC(1, UL) << 7)	/* AP[2]: read-only */
#define PTE_SHARED		(_AC(3, UL) << 8)	/* SH[1:0]: inner shareable */
#define PTE_AF			(_AC(1, UL) << 10)	/* access flag */
#define PTE_NG			(_AC(1, UL) << 11)	/* not global (ASID-tagged) */
/* upper attributes */
#define PTE_DBM			(_AC(1, UL) << 51)
#define PTE_CONT		(_AC(1, UL) << 52)
#define PTE_PXN			(_AC(1, UL) << 53)	/* privileged execute-never */
#define PTE_UXN			(_AC(1, UL) << 54)	/* user execute-never */

/* output address bits of a descriptor (48-bit PA, 4 KiB granule) */
/* software bits */
#define PTE_DIRTY		(_AC(1, UL) << 55)
#define PTE_WRITE		PTE_DBM

#define PTE_ADDR_MASK		_AC(0x0000fffffffff000, UL)

/* TCR_EL1 */
#define TCR_T0SZ(x)		((_AC(64, UL) - (x)) << 0)
#define TCR_T1SZ(x)		((_AC(64, UL) - (x)) << 16)
#define TCR_IRGN0_WBWA		(_AC(1, UL) << 8)
#define TCR_ORGN0_WBWA		(_AC(1, UL) << 10)
#define TCR_SH0_INNER		(_AC(3, UL) << 12)
#define TCR_TG0_4K		(_AC(0, UL) << 14)
#define TCR_EPD1		(_AC(1, UL) << 23)
#define TCR_EPD0		(_AC(1, UL) << 7)
#define TCR_IRGN1_WBWA		(_AC(1, UL) << 24)
#define TCR_ORGN1_WBWA		(_AC(1, UL) << 26)
#define TCR_SH1_INNER		(_AC(3, UL) << 28)
#define TCR_TG1_4K		(_AC(2, UL) << 30)
#define TCR_IPS_48		(_AC(5, UL) << 32)
#define TCR_A1			(_AC(1, UL) << 22)
#define TCR_ASID16		(_AC(1, UL) << 36)

#define TCR_EL1_VALUE	(TCR_T0SZ(48) | TCR_T1SZ(48) | TCR_TG0_4K | TCR_TG1_4K | \
			 TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | \
			 TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_IPS_48)

/* SCTLR_EL1 */
#define SCTLR_ELx_M		(_AC(1, UL) << 0)	/* MMU enable */
#define SCTLR_ELx_A		(_AC(1, UL) << 1)	/* alignment check */
#define SCTLR_ELx_C		(_AC(1, UL) << 2)	/* data cacheable */
#define SCTLR_ELx_I		(_AC(1, UL) << 12)	/* instruction cacheable */

#endif /* _ASM_ARM64_PGTABLE_HWDEF_H */
