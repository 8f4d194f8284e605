// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Building the kernel page tables (shared by both arches; the entry formats
 * come from <asm/pgtable.h>):
 *   create_pgd_mapping()  map a physical range at a virtual range
 *   map_mem()             the direct map of all memory, 2 MiB leaves
 *   map_kernel()          the kernel image at KIMAGE_OFFSET + PA, 4 KiB pages
 *                         with per-segment permissions and unmapped stack
 *                         guard pages
 *   vmemmap_populate()    the struct page array at VMEMMAP_START, 4 KiB pages
 *   preallocate_vmalloc_pages()  empty pte tables for the vmalloc area
 *   virt_to_kpte()        the pte of a 4 KiB-mapped kernel address (run time)
 *
 * Every page-table page allocated here is reported MMULAB_OWNER_PAGE_TABLE.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/pgtable.h>
#include <linux/threads.h>
#include <linux/vmalloc.h>
#include <asm/sections.h>
#include <mmulab/boot.h>
#include <mmulab/page_state.h>

static void * __init early_pgtable_alloc(void)
{
	void *table = memblock_alloc(PAGE_SIZE, PAGE_SIZE);

	mmulab_page_state(virt_to_pfn(table), 1, MMULAB_OWNER_PAGE_TABLE);
	return table;
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

/*
 * SPARSEMEM_VMEMMAP: struct page of pfn N at vmemmap + N, for [0, max_pfn),
 * backed by one physically contiguous memblock block mapped with 4 KiB
 * pages (so a later HVO can remap single vmemmap pages). The struct pages
 * are not initialised here: mem_init() does the reserved ones, the page
 * allocator each free one when it first hands it out.
 */
void __init vmemmap_populate(pgd_t *pgdp)
{
	phys_addr_t size = PFN_ALIGN(max_pfn * sizeof(struct page));
	phys_addr_t phys;

	BUILD_BUG_ON(sizeof(struct page) != (1 << STRUCT_PAGE_MAX_SHIFT));
	phys = memblock_phys_alloc(size, PAGE_SIZE);
	mmulab_page_state(PHYS_PFN(phys), size >> PAGE_SHIFT, MMULAB_OWNER_VMEMMAP);
	create_pgd_mapping(pgdp, phys, VMEMMAP_START, size, PAGE_KERNEL, NO_BLOCK_MAPPINGS);
}

/*
 * Allocate every table level down to the ptes for [VMALLOC_START,
 * VMALLOC_END), leaving the ptes empty: run-time mappings there only write
 * ptes, in tables every CPU already shares.
 */
void __init preallocate_vmalloc_pages(pgd_t *pgdp)
{
	unsigned long addr;

	BUILD_BUG_ON(VMALLOC_START & ~PMD_MASK);
	BUILD_BUG_ON(VMALLOC_END & ~PMD_MASK);

	for (addr = VMALLOC_START; addr != VMALLOC_END; addr += PMD_SIZE) {
		p4d_t *p4dp = p4d_offset(pgd_offset_pgd(pgdp, addr), addr);
		pud_t *pudp;
		pmd_t *pmdp;

		if (p4d_none(p4dp_get(p4dp)))
			p4d_populate(&init_mm, p4dp, early_pgtable_alloc());
		pudp = pud_offset(p4dp, addr);
		if (pud_none(pudp_get(pudp)))
			pud_populate(&init_mm, pudp, early_pgtable_alloc());
		BUG_ON(pud_leaf(pudp_get(pudp)));
		pmdp = pmd_offset(pudp, addr);
		if (pmd_none(pmdp_get(pmdp)))
			pmd_populate_kernel(&init_mm, pmdp, early_pgtable_alloc());
		BUG_ON(pmd_leaf(pmdp_get(pmdp)));
	}
}

/* the pte mapping a kernel address, if it is mapped through a pte table */
pte_t *virt_to_kpte(unsigned long vaddr)
{
	pgd_t *pgdp = pgd_offset_k(vaddr);
	p4d_t *p4dp;
	pud_t *pudp;
	pmd_t *pmdp;

	if (pgd_none(pgdp_get(pgdp)))
		return NULL;
	p4dp = p4d_offset(pgdp, vaddr);
	if (p4d_none(p4dp_get(p4dp)))
		return NULL;
	pudp = pud_offset(p4dp, vaddr);
	if (pud_none(pudp_get(pudp)) || pud_leaf(pudp_get(pudp)))
		return NULL;
	pmdp = pmd_offset(pudp, vaddr);
	if (pmd_none(pmdp_get(pmdp)) || pmd_leaf(pmdp_get(pmdp)))
		return NULL;
	return pte_offset_kernel(pmdp, vaddr);
}
