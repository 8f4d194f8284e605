/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Page-table entry types shared by both arches: 4 levels of 64-bit entries
 * (pgd -> pud -> pmd -> pte, p4d folded into pgd), each wrapped in a struct
 * so that levels cannot be mixed up by accident.
 */
#ifndef _ASM_GENERIC_PGTABLE_TYPES_H
#define _ASM_GENERIC_PGTABLE_TYPES_H

#ifndef __ASSEMBLER__
#include <linux/types.h>

typedef u64 pteval_t;
typedef u64 pmdval_t;
typedef u64 pudval_t;
typedef u64 pgdval_t;
typedef u64 pgprotval_t;

typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;
typedef struct { pudval_t pud; } pud_t;
typedef struct { pgdval_t pgd; } pgd_t;
typedef struct { pgprotval_t pgprot; } pgprot_t;

#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pud_val(x)	((x).pud)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)

#define __pte(x)	((pte_t) { (x) })
#define __pmd(x)	((pmd_t) { (x) })
#define __pud(x)	((pud_t) { (x) })
#define __pgd(x)	((pgd_t) { (x) })
#define __pgprot(x)	((pgprot_t) { (x) })
#endif /* __ASSEMBLER__ */

#endif /* _ASM_GENERIC_PGTABLE_TYPES_H */
