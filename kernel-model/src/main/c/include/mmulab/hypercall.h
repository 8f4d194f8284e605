/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The mmulab guest <-> emulator ABI, shared by both architectures.
 *
 * Everything the guest kernel may ask of the emulator goes through one
 * instruction per arch, chosen because the emulator classifies it before the
 * guest runs and hooks exactly its address, so ordinary code pays nothing:
 *
 *   x86_64:  outl %eax, $MMULAB_HC_PORT
 *            rax = hypercall number, args in rdi, rsi, rdx, r10,
 *            result in rax (mirrors the Linux syscall ABI).
 *   arm64:   hvc #0
 *            x8 = hypercall number, args in x0, x1, x2, x3,
 *            result in x0 (mirrors the Linux syscall ABI).
 *
 * Pointers passed to hypercalls are kernel virtual addresses; the emulator
 * translates them through the calling vCPU's page tables.
 *
 * Boot protocol
 * -------------
 * The emulator loads every PT_LOAD segment at its physical address (p_paddr)
 * and starts vCPU 0 at e_entry with translation off (virtual == physical),
 * interrupts masked, and
 *     x86_64: rdi = cpu number (0), rsi = number of vCPUs, rdx = memory bytes
 *     arm64:  x0  = cpu number (0), x1  = number of vCPUs, x2  = memory bytes
 * (x86_64 starts in 64-bit mode with CR0.PG clear; arm64 at EL1, SCTLR_EL1.M
 * clear). Physical memory spans [0, memory bytes).
 *
 * The other vCPUs are parked. The symbol MMULAB_SPIN_TABLE_SYMBOL names an
 * array of MMULAB_MAX_CPUS u64 slots that must have VA == PA (it lives in
 * the identity-linked boot section). When a non-zero store to slot N becomes
 * visible in memory, vCPU N (1 <= N < number of vCPUs) starts at the
 * physical address stored there, translation off, with the same three
 * registers as vCPU 0 but its own cpu number in rdi / x0.
 *
 * Private stacks (a scheduling hint): when the image has the symbols
 * MMULAB_CPU_STACKS_SYMBOL and "_end", [cpu_stacks, _end) is MMULAB_MAX_CPUS
 * equal slots, slot N being CPU N's stack. CPU N's accesses to its own slot
 * are then not scheduling points, until another CPU touches that slot in the
 * same run (a stack object shared by pointer).
 *
 * (Comment only, not ABI:) the guest kernel's side of this protocol -- memory
 * layout, early and final page tables, the secondary entry points and the
 * symbols an emulator may look up -- is described in <mmulab/boot.h>.
 */
#ifndef MMULAB_HYPERCALL_H
#define MMULAB_HYPERCALL_H

#define MMULAB_MAX_CPUS			8
#define MMULAB_HC_PORT			0x4d
#define MMULAB_SPIN_TABLE_SYMBOL	"mmulab_spin_table"
#define MMULAB_CPU_STACKS_SYMBOL	"cpu_stacks"

/* Hypercall numbers. Keep in step with io.mmulab.emulator.Hypercall. */
#define HC_CONSOLE_WRITE	0	/* (const char *buf, unsigned long len) -> len */
#define HC_DONE			1	/* (long status): the scenario finished */
#define HC_BUG			2	/* (const char *file, long line, const char *msg, void *caller): fatal.
					 * caller (0: unknown) is a return address into the function that
					 * failed, for its source line; likewise for WARN, REFCOUNT, CHECK */
#define HC_WARN			3	/* (const char *file, long line, const char *msg, void *caller):
					 * reported, runs on */
#define HC_OOPS			4	/* (unsigned long addr, unsigned long code, unsigned long ip):
					 * an unhandled kernel fault at addr; code is the x86 #PF error
					 * code or the arm64 ESR_EL1; ip the faulting instruction. Fatal. */
#define HC_IPI_SEND		5	/* (unsigned long cpumask, unsigned long irq): make irq pending on
					 * every cpu in the mask (x86: an IDT vector; arm64: an SGI 0..15) */
#define HC_IRQ_ACK		6	/* () -> irq: claim the lowest pending irq of this cpu (clears it),
					 * or MMULAB_IRQ_SPURIOUS when none is pending */
#define HC_IRQ_EOI		7	/* (unsigned long irq): the handler is done with irq */
#define HC_PAGE_STATE		8	/* (unsigned long pfn, unsigned long nr_pages, unsigned long owner):
					 * physical pages change owner (MMULAB_OWNER_*), for the oracles */
#define HC_SCENARIO_START	9	/* (): every CPU is at the start of its scenario thread; cpu 0
					 * calls it while the others wait. The emulator checkpoints the
					 * machine here once and starts every exploration run from it. */
#define HC_WAIT			10	/* (const void *addr, const char *what): this cpu starts waiting
					 * for addr to change (what: e.g. "wait_var_event(&obj->flag)");
					 * shown when the run hangs */
#define HC_WAIT_DONE		11	/* (): the wait of this cpu ended */
#define HC_REFCOUNT		12	/* (unsigned long kind, const void *counter, long value, void *caller): a
					 * reference count was misused (MMULAB_REF_*). Fatal. */
#define HC_CHECK		13	/* (const char *file, long line, const char *msg, void *caller): a scenario
					 * invariant does not hold. Fatal. */

#define MMULAB_REF_INC_FROM_ZERO	0
#define MMULAB_REF_UNDERFLOW		1
#define MMULAB_REF_SATURATED		2

/*
 * Interrupts. A pending irq is delivered to a cpu at an instruction boundary,
 * only while it is unmasked (x86 RFLAGS.IF, arm64 PSTATE.I), as the emulator's
 * scheduler decides, by the architectural exception entry:
 *   x86_64: through IDT[irq] (64-bit interrupt gate: SS, RSP, RFLAGS, CS, RIP
 *           pushed on a 16-byte aligned stack, IF cleared), return with iretq;
 *   arm64:  to VBAR_EL1 + 0x280 (IRQ, current EL with SP_ELx; + 0x480 from EL0)
 *           with ELR_EL1/SPSR_EL1 set and DAIF masked, return with eret.
 * It stays pending until the handler claims it with HC_IRQ_ACK, so an handler
 * that forgets to claim sees it again after returning. hlt (with IF set) and
 * wfi park a cpu until an irq is pending for it.
 *
 * Faults (translation, permission, access flag) are delivered the same way:
 *   x86_64: #PF (vector 14) with the error code pushed and CR2 = address;
 *   arm64:  to VBAR_EL1 + 0x200 (+ 0x400 from EL0) with ESR_EL1 (EC 0x25/0x24
 *           data abort, 0x21/0x20 instruction abort, DFSC/IFSC = fault type
 *           and level, WnR) and FAR_EL1 = address.
 * A fault while delivering an exception is fatal (reported by the emulator).
 */
#define MMULAB_IPI_VECTOR		0xfb	/* x86: CALL_FUNCTION_VECTOR */
#define MMULAB_IPI_SGI			1	/* arm64: IPI_CALL_FUNC */
#define MMULAB_IRQ_SPURIOUS		1023

/* Owners of physical pages for HC_PAGE_STATE (what the GUI colours and the oracles check). */
#define MMULAB_OWNER_FREE		0
#define MMULAB_OWNER_KERNEL		1	/* image, boot allocations */
#define MMULAB_OWNER_PAGE_TABLE		2
#define MMULAB_OWNER_PAGE_CACHE		3
#define MMULAB_OWNER_ANON		4
#define MMULAB_OWNER_HUGETLB		5
#define MMULAB_OWNER_VMEMMAP		6
#define MMULAB_OWNER_SLAB		7

#ifndef __ASSEMBLER__

static inline unsigned long mmulab_hypercall(unsigned long nr, unsigned long a0,
					     unsigned long a1, unsigned long a2,
					     unsigned long a3)
{
#if defined(__x86_64__)
	register unsigned long r10 asm("r10") = a3;
	unsigned long ret;

	asm volatile("outl %%eax, %[port]"
		     : "=a"(ret)
		     : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10),
		       [port] "i"(MMULAB_HC_PORT)
		     : "memory");
	return ret;
#elif defined(__aarch64__)
	register unsigned long x8 asm("x8") = nr;
	register unsigned long x0 asm("x0") = a0;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;

	asm volatile("hvc #0"
		     : "+r"(x0)
		     : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
		     : "memory");
	return x0;
#else
#error "mmulab guests are x86_64 or arm64"
#endif
}

#endif /* __ASSEMBLER__ */
#endif /* MMULAB_HYPERCALL_H */
