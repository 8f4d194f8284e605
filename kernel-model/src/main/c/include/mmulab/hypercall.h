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
 * (Comment only, not ABI:) the guest kernel's side of this protocol -- memory
 * layout, early and final page tables, the secondary entry points and the
 * symbols an emulator may look up -- is described in <mmulab/boot.h>.
 */
#ifndef MMULAB_HYPERCALL_H
#define MMULAB_HYPERCALL_H

#define MMULAB_MAX_CPUS			8
#define MMULAB_HC_PORT			0x4d
#define MMULAB_SPIN_TABLE_SYMBOL	"mmulab_spin_table"

/* Hypercall numbers. Keep in step with io.mmulab.emulator.Hypercall. */
#define HC_CONSOLE_WRITE	0	/* (const char *buf, unsigned long len) -> len */
#define HC_DONE			1	/* (long status): the scenario finished */
#define HC_BUG			2	/* (const char *file, long line, const char *msg): fatal */
#define HC_WARN			3	/* (const char *file, long line, const char *msg): reported, runs on */

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
