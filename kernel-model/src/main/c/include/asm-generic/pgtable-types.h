/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Page-table geometry and entry types shared by both arches: 4 levels
 * (pgd -> pud -> pmd -> pte, p4d folded into pgd) of 4 KiB tables of 512
 * 64-bit entries, translating 48-bit virtual addresses with 4 KiB pages
 * (x86_64 4-level paging; arm64 4 KiB granule, 48-bit VA). Each entry type
 * is wrapped in a struct so that levels cannot be mixed up by accident.
 */
#ifndef _ASM_GENERIC_PGTABLE_TYPES_H
#define _ASM_GENERIC_PGTABLE_TYPES_H

#include <linux/const.h>

#define PGDIR_SHIFT		39
#define PUD_SHIFT		30
#define PMD_SHIFT		21
#define PTRS_PER_PGD		512
#define PTRS_PER_PUD		512
#define PTRS_PER_PMD		512
#define PTRS_PER_PTE		512
#define PGDIR_SIZE		(_AC(1, UL) << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PUD_SIZE		(_AC(1, UL) << PUD_SHIFT)
#define PUD_MASK		(~(PUD_SIZE - 1))
#define PMD_SIZE		(_AC(1, UL) << PMD_SHIFT)
#define PMD_MASK		(~(PMD_SIZE - 1))

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
