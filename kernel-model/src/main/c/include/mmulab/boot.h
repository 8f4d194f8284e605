/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmulab guest kernel: memory layout and boot sequence.
 *
 * Physical memory  [0, mem), mem = the memory size in the boot registers
 * ---------------  (16 MiB .. 1 GiB; at least the image plus ~1 MiB)
 *   0x000000 .. LOAD_PHYSICAL_ADDR     not used by the kernel
 *   LOAD_PHYSICAL_ADDR (2 MiB)         the image, in this order:
 *     .head.text   boot entry (e_entry) and secondary entry     VA == PA
 *     .head.data   mmulab_spin_table, secondary_pgdir,          VA == PA
 *                  the early page tables
 *     .text .rodata .data (.data..percpu: NR_CPUS copies) .bss
 *                                      linked at the kernel image VA
 *                                      (KIMAGE_OFFSET + PA)
 *     .bss..stacks NR_CPUS x (STACK_GUARD_SIZE guard + THREAD_SIZE stack);
 *                  the guard pages are left unmapped in the kernel image
 *                  mapping, so a stack overflow faults
 *   _end (page aligned) .. mem         memblock: boot allocations (page-table
 *                                      pages) grow upward from PA(_end);
 *                                      [memblock.cur, memblock.end) is free
 *
 * Virtual memory (48-bit, 4 KiB granule, 4 levels)
 * -------------------------------------------------
 *                     x86_64                    arm64
 *   direct map        PAGE_OFFSET               PAGE_OFFSET
 *   of [0, mem)       0xffff888000000000        0xffff000000000000
 *                     2 MiB pages RW NX         2 MiB blocks RW XN
 *   kernel image      __START_KERNEL_map + PA   KIMAGE_VADDR + PA
 *   (KIMAGE_OFFSET)   0xffffffff80000000        0xffff800000000000
 *                     4 KiB pages: text RX, rodata R, data/bss/stacks RW NX
 *   vmalloc area      VMALLOC_START             VMALLOC_START
 *   (4 MiB)           0xffffc90000000000        0xffff808000000000
 *                     pud/pmd/pte tables allocated at boot, ptes empty:
 *                     4 KiB mappings installed at run time (mm/vmalloc.c)
 *   vmemmap           VMEMMAP_START             VMEMMAP_START
 *   (struct page)     0xffffea0000000000        0xfffffc0000000000
 *                     vmemmap + pfn for [0, mem), 4 KiB pages RW NX,
 *                     backed by one memblock block
 *   low half          nothing: the final tables (init_mm.pgd: x86_64
 *                     init_top_pgt, arm64 swapper_pg_dir with TTBR0 =
 *                     reserved_pg_dir) have no identity map, so a stray
 *                     physical-address access faults.
 *
 * Boot (vCPU 0)
 * -------------
 * 1. e_entry (x86_64 startup_64, arm64 primary_entry), translation off,
 *    cpu / nr_cpus / mem in rdi,rsi,rdx / x0,x1,x2: install the static early
 *    tables (x86_64 early_top_pgt; arm64 TTBR0 = idmap_pg_dir, TTBR1 =
 *    init_pg_dir), each mapping the first EARLY_MAP_SIZE of physical memory
 *    three times with 2 MiB pages: identity, direct map and kernel image;
 *    turn translation on, jump to the kernel image VA, set the stack
 *    (cpu_stacks slot 0) and call start_kernel(0, nr_cpus, mem).
 * 2. start_kernel: clear .bss, per-CPU areas, exception vectors, then
 *    setup_arch() -> memblock_init() + paging_init(): build init_mm.pgd in
 *    C (direct map, kernel image, vmemmap, vmalloc tables), switch to it
 *    (the identity map is gone from here on); mem_init(): ownership
 *    annotations (HC_PAGE_STATE), memblock closed, page allocator up.
 * 3. smp_init: publish PA(init_mm.pgd) in secondary_pgdir, then for each
 *    cpu 1..nr_cpus-1: smp_wmb(); WRITE_ONCE(mmulab_spin_table[cpu],
 *    PA(secondary entry)) through the direct map; wait until all are online.
 * 4. interrupts on; scenario_setup(); start barrier: wait until every
 *    CPU has arrived, HC_SCENARIO_START (the others wait meanwhile),
 *    release them; scenario_main(0); sleep (wait_var_event, interrupts on) until every
 *    secondary has returned; interrupts off, HC_DONE with CPU 0's result,
 *    or the first non-zero secondary result.
 *
 * Boot (vCPU N > 0), started by the emulator at the spin-table address
 * ---------------------------------------------------------------------
 * x86_64 secondary_startup_64: CR3 = early_top_pgt, paging on, jump high,
 *        CR3 = secondary_pgdir (the final tables).
 * arm64  secondary_entry: TTBR0 = idmap_pg_dir, TTBR1 = secondary_pgdir,
 *        MMU on, jump high; secondary_start_kernel() drops TTBR0 to
 *        reserved_pg_dir (cpu_uninstall_idmap).
 * Then secondary_start_kernel(cpu): per-CPU offset, vectors, online,
 * interrupts on, start barrier (arrive, sleep until CPU 0 releases),
 * scenario_main(cpu), atomic increment of the finished count and
 * wake_up_var() of it, then the idle loop for ever (cpu_startup_entry: x86 "sti; hlt",
 * arm64 "wfi" with interrupts enabled), still answering IPIs.
 *
 * Exceptions and interrupts: x86_64 IDT (idt_entries for vectors 0..31,
 * irq_entries_start for 32..255, 64-bit interrupt gates, no IST: every
 * entry runs on the current stack); arm64 VBAR_EL1 = vectors. #PF / data
 * and instruction aborts go to exc_page_fault / do_mem_abort, the
 * call-function IPI (MMULAB_IPI_VECTOR / MMULAB_IPI_SGI) to
 * generic_smp_call_function_interrupt; everything else is a BUG. A CPU
 * that BUGs or oopses parks with interrupts masked (cpu_park_loop).
 *
 * Symbols an emulator may care about: the ELF entry, mmulab_spin_table
 * (MMULAB_SPIN_TABLE_SYMBOL, VA == PA), secondary_startup_64 /
 * secondary_entry, start_kernel, secondary_start_kernel, scenario_main,
 * init_top_pgt / swapper_pg_dir, cpu_stacks, __per_cpu_start, the entry
 * code (x86_64 idt_entries, irq_entries_start; arm64 vectors ..
 * __entry_text_end), cpu_startup_entry / arch_cpu_idle (the idle loop),
 * __start___ex_table / __stop___ex_table, last_fault (per CPU).
 */
#ifndef _MMULAB_BOOT_H
#define _MMULAB_BOOT_H

#include <linux/const.h>
#include <mmulab/hypercall.h>

#define LOAD_PHYSICAL_ADDR	0x200000	/* where the image is loaded */
#define EARLY_MAP_SIZE		0x40000000	/* the early tables cover [0, 1 GiB) */

#define THREAD_SIZE		0x4000		/* 16 KiB per-CPU stack */
#define STACK_GUARD_SIZE	0x1000		/* unmapped page below each stack */
#define CPU_STACK_STRIDE	(THREAD_SIZE + STACK_GUARD_SIZE)
/* the stack of cpu N occupies cpu_stacks + N * CPU_STACK_STRIDE + [guard, stride) */

#ifndef __ASSEMBLER__
#include <linux/types.h>

/*
 * In .head.data (VA == PA). The emulator starts vCPU N at the physical
 * address stored into mmulab_spin_table[N]. secondary_pgdir holds the
 * physical address of the final root table; CPU 0 writes it before the
 * first release.
 */
extern u64 mmulab_spin_table[MMULAB_MAX_CPUS];
extern u64 secondary_pgdir;

extern char cpu_stacks[];

/* The scenario: every CPU calls it once; a non-zero result fails the run. */
int scenario_main(unsigned int cpu);
/*
 * Optional (a weak default does nothing): CPU 0 calls it once before the
 * start barrier, so what it sets up (allocations, mappings) is part of the
 * checkpoint and not re-run, or explored, in every run.
 */
void scenario_setup(void);

void __noreturn start_kernel(unsigned int cpu, unsigned int nr_cpus, unsigned long mem);
#endif

#endif /* _MMULAB_BOOT_H */
