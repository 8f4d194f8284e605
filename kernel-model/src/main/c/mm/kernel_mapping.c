// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Building the kernel page tables (shared by both arches; the entry formats
 * come from <asm/pgtable.h>):
 *   create_pgd_mapping()  map a physical range at a virtual range
 *   map_mem()             the direct map of all memory, 2 MiB leaves
 *   map_kernel()          the kernel image at KIMAGE_OFFSET + PA, 4 KiB pages
 *                         with per-segment permissions and unmapped stack
 *                         guard pages
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/pgtable.h>
#include <linux/threads.h>
#include <asm/sections.h>
#include <mmulab/boot.h>

static void * __init early_pgtable_alloc(void)
{
	return memblock_alloc(PAGE_SIZE, PAGE_SIZE);
}

static void __init alloc_init_pte(pmd_t *pmdp, unsigned long addr, unsigned long end,
				  phys_addr_t phys, pgprot_t prot)
{
	pte_t *ptep;

	if (pmd_none(pmdp_get(pmdp)))
		pmd_populate_kernel(&init_mm, pmdp, early_pgtable_alloc());
	BUG_ON(pmd_leaf(pmdp_get(pmdp)));

	ptep = pte_offset_kernel(pmdp, addr);
	do {
		set_pte(ptep, pfn_pte(PHYS_PFN(phys), prot));
		phys += PAGE_SIZE;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
}

static void __init alloc_init_pmd(pud_t *pudp, unsigned long addr, unsigned long end,
				  phys_addr_t phys, pgprot_t prot, int flags)
{
	unsigned long next;
	pmd_t *pmdp;

	if (pud_none(pudp_get(pudp)))
		pud_populate(&init_mm, pudp, early_pgtable_alloc());
	BUG_ON(pud_leaf(pudp_get(pudp)));

	pmdp = pmd_offset(pudp, addr);
	do {
		next = pmd_addr_end(addr, end);
		if (!(flags & NO_BLOCK_MAPPINGS) &&
		    ((addr | next | phys) & ~PMD_MASK) == 0 &&
		    pmd_none(pmdp_get(pmdp)))
			set_pmd(pmdp, pmd_mkhuge(pfn_pmd(PHYS_PFN(phys), prot)));
		else
			alloc_init_pte(pmdp, addr, next, phys, prot);
		phys += next - addr;
	} while (pmdp++, addr = next, addr != end);
}

static void __init alloc_init_pud(p4d_t *p4dp, unsigned long addr, unsigned long end,
				  phys_addr_t phys, pgprot_t prot, int flags)
{
	unsigned long next;
	pud_t *pudp;

	if (p4d_none(p4dp_get(p4dp)))
		p4d_populate(&init_mm, p4dp, early_pgtable_alloc());

	pudp = pud_offset(p4dp, addr);
	do {
		next = pud_addr_end(addr, end);
		alloc_init_pmd(pudp, addr, next, phys, prot, flags);
		phys += next - addr;
	} while (pudp++, addr = next, addr != end);
}

void __init create_pgd_mapping(pgd_t *pgdir, phys_addr_t phys, unsigned long virt,
			       phys_addr_t size, pgprot_t prot, int flags)
{
	unsigned long addr = virt, end = virt + size, next;
	pgd_t *pgdp;

	BUG_ON((phys | virt | size) & ~PAGE_MASK);
	if (!size)
		return;

	pgdp = pgd_offset_pgd(pgdir, addr);
	do {
		next = pgd_addr_end(addr, end);
		alloc_init_pud(p4d_offset(pgdp, addr), addr, next, phys, prot, flags);
		phys += next - addr;
	} while (pgdp++, addr = next, addr != end);
}

/* The direct map: [0, max_pfn) at PAGE_OFFSET, read-write, never executable. */
void __init map_mem(pgd_t *pgdp)
{
	create_pgd_mapping(pgdp, 0, PAGE_OFFSET, PFN_PHYS(max_pfn), PAGE_KERNEL, 0);
}

static void __init map_kernel_segment(pgd_t *pgdp, void *start, void *end, pgprot_t prot)
{
	create_pgd_mapping(pgdp, __pa_symbol(start), (unsigned long)start,
			   (unsigned long)end - (unsigned long)start, prot, NO_BLOCK_MAPPINGS);
}

/*
 * The kernel image: text read-only executable, rodata read-only, data and
 * bss read-write; each CPU's stack read-write with its guard page left
 * unmapped. The identity-linked head is not part of it (reach it through
 * the direct map).
 */
void __init map_kernel(pgd_t *pgdp)
{
	unsigned int cpu;

	map_kernel_segment(pgdp, _stext, _etext, PAGE_KERNEL_ROX);
	map_kernel_segment(pgdp, __start_rodata, __end_rodata, PAGE_KERNEL_RO);
	map_kernel_segment(pgdp, _sdata, cpu_stacks, PAGE_KERNEL);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		char *stack = cpu_stacks + cpu * CPU_STACK_STRIDE + STACK_GUARD_SIZE;

		map_kernel_segment(pgdp, stack, stack + THREAD_SIZE, PAGE_KERNEL);
	}
	BUG_ON(cpu_stacks + NR_CPUS * CPU_STACK_STRIDE != _end);
}
