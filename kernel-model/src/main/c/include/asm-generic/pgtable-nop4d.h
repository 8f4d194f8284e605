/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 4-level paging: the p4d level is folded into the pgd. A p4d_t * points at
 * the pgd entry itself, p4d_offset() is a cast, and populating a p4d writes
 * the pgd entry.
 */
#ifndef _ASM_GENERIC_PGTABLE_NOP4D_H
#define _ASM_GENERIC_PGTABLE_NOP4D_H

#ifndef __ASSEMBLER__

typedef struct { pgd_t pgd; } p4d_t;

#define P4D_SHIFT		PGDIR_SHIFT
#define PTRS_PER_P4D		1
#define P4D_SIZE		(1UL << P4D_SHIFT)
#define P4D_MASK		(~(P4D_SIZE - 1))

#define p4d_val(x)		(pgd_val((x).pgd))
#define __p4d(x)		((p4d_t) { __pgd(x) })

static inline p4d_t *p4d_offset(pgd_t *pgd, unsigned long address)
{
	(void)address;
	return (p4d_t *)pgd;
}

#define p4d_addr_end(addr, end)	(end)

#endif /* __ASSEMBLER__ */
#endif /* _ASM_GENERIC_PGTABLE_NOP4D_H */
