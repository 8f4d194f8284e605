// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * litmus-runner: the guest half of `mmulab litmus`.
 *
 * This image is never run as built: the litmus module (io.mmulab.litmus)
 * patches a copy of it with one litmus test, then boots the copy with one
 * vCPU per thread of the test. What it patches, by symbol:
 *
 *   litmus_code       LITMUS_MAX_THREADS areas of LITMUS_CODE_BYTES in
 *                     .text (mapped read-only and executable by
 *                     map_kernel()): thread N's code at N * LITMUS_CODE_BYTES.
 *                     Each area sets every general-purpose register to the
 *                     test's initial value, runs the thread's instructions,
 *                     stores the registers the test observes to
 *                     litmus_regs_out[N] and jumps to litmus_thread_done.
 *                     Nothing returns: the thread may use every register
 *                     but the stack pointer, and no register is saved or
 *                     restored (stack accesses would be more scheduling
 *                     points for the search to walk through).
 *   litmus_regs_out   per thread, LITMUS_REGS slots of 8 bytes (x86_64:
 *                     rax rbx rcx rdx rsi rdi rbp r8..r15; arm64: x0..x30).
 *   litmus_mem        the shared locations, ordinary cacheable kernel data
 *                     (the direct map and the image's data mapping are
 *                     normal write-back memory on both arches), each in its
 *                     own cache line, holding their initial values.
 *   litmus_params     magic, layout version, the number of threads and the
 *                     count of threads still running (both set to the
 *                     test's number of threads).
 *
 * The initial register values are immediates in each thread's code rather
 * than a table the thread loads, for the same reason.
 *
 * Where the threads run. The kernel's own start barrier (kernel/scenario.c)
 * checkpoints while the secondaries sleep, so every explored run would
 * begin with their wake-up: IPIs, interrupt entry and exit, the wait-queue
 * handshake, a few hundred shared accesses whose interleavings the search
 * would walk through in every run, only to reach the first instruction of
 * the test. The runner therefore takes the CPUs out of that flow before it:
 * CPU 0 in scenario_setup() (which the kernel runs before its barrier) asks
 * every other CPU, by an asynchronous cross-CPU call, to run
 * litmus_cpu(), and runs it itself. litmus_cpu() masks interrupts and waits
 * at a spin barrier; the last CPU to arrive releases the others (a fully
 * ordered store) and only then issues HC_SCENARIO_START, so at the
 * checkpoint nobody waits for anything that happens after it: a waiting
 * CPU needs one more load to see the release. After the checkpoint each CPU
 * runs its thread; litmus_thread_done counts it finished (a fully ordered
 * atomic, so its stores are committed: every location holds its final value
 * in committed memory once the last thread is done; the atomic comes after
 * the thread's last access, so it orders nothing the test could observe),
 * the last one reports HC_DONE and the others park, interrupts masked.
 * The kernel's barrier and its HC_SCENARIO_START are never reached.
 *
 * Unpatched (litmus_params.threads == 0) the image takes the kernel's
 * ordinary path and ends with done(0), so it boots like any other image.
 */
#include <mmulab/scenario.h>
#include <mmulab/hypercall.h>

#define LITMUS_MAGIC		0x4c49544dU	/* "LITM" */
#define LITMUS_VERSION		1
#define LITMUS_MAX_THREADS	MMULAB_MAX_CPUS
#define LITMUS_CODE_BYTES	4096
#define LITMUS_REGS		32
#define LITMUS_MEM_BYTES	4096

/*
 * The code areas, filled with a trapping instruction (int3 / brk) so that a
 * jump into an unpatched area stops at once instead of sliding on.
 */
#ifdef __x86_64__
#define LITMUS_FILL	".fill " __stringify(LITMUS_MAX_THREADS * LITMUS_CODE_BYTES) ", 1, 0xcc\n"
#else
#define LITMUS_FILL	".fill " __stringify(LITMUS_MAX_THREADS * LITMUS_CODE_BYTES / 4) ", 4, 0xd4200000\n"
#endif

asm(".pushsection .text.litmus, \"ax\"\n"
    ".balign " __stringify(LITMUS_CODE_BYTES) "\n"
    ".globl litmus_code\n"
    ".type litmus_code, %object\n"
    "litmus_code:\n"
    LITMUS_FILL
    ".size litmus_code, " __stringify(LITMUS_MAX_THREADS * LITMUS_CODE_BYTES) "\n"
    ".balign " __stringify(LITMUS_CODE_BYTES) "\n"
    ".popsection\n");

extern const char litmus_code[];

struct litmus_params {
	u32 magic;
	u32 version;
	u32 threads;
	u32 max_threads;
	u32 code_bytes;
	u32 regs;
	u32 mem_bytes;
	u32 remaining;	/* threads not yet done: mmulab sets it to threads */
};

/* Explicit sections keep them in .data (file bytes to patch), never in .bss. */
struct litmus_params litmus_params __section(".data.litmus.params") __aligned(64) = {
	.magic = LITMUS_MAGIC,
	.version = LITMUS_VERSION,
	.threads = 0,
	.max_threads = LITMUS_MAX_THREADS,
	.code_bytes = LITMUS_CODE_BYTES,
	.regs = LITMUS_REGS,
	.mem_bytes = LITMUS_MEM_BYTES,
};

unsigned long litmus_regs_out[LITMUS_MAX_THREADS][LITMUS_REGS]
	__section(".data.litmus.regs") __aligned(PAGE_SIZE);

unsigned char litmus_mem[LITMUS_MEM_BYTES]
	__section(".data.litmus.mem") __aligned(PAGE_SIZE);

static atomic_t litmus_arrived = ATOMIC_INIT(0);
static atomic_t litmus_go = ATOMIC_INIT(0);

/*
 * Where every thread's code jumps when it is done (in asm: the registers
 * are the test's, the stack is the CPU's). A fully ordered decrement of
 * litmus_params.remaining counts the thread done; it also drains the
 * store buffer, so the thread's stores are committed before the count. The
 * thread that brings it to 0 reports HC_DONE; the others park (interrupts
 * are masked since litmus_cpu(): masking them again would only be one more
 * scheduling point).
 */
#ifdef __x86_64__
asm(".pushsection .text.litmus_done, \"ax\"\n"
    ".globl litmus_thread_done\n"
    ".type litmus_thread_done, %function\n"
    "litmus_thread_done:\n"
    "	lock decl litmus_params+28(%rip)\n"
    "	jnz 1f\n"
    "	movl $" __stringify(HC_DONE) ", %eax\n"
    "	xorl %edi, %edi\n"
    "	outl %eax, $" __stringify(MMULAB_HC_PORT) "\n"
    "1:	hlt\n"
    "	jmp 1b\n"
    ".size litmus_thread_done, . - litmus_thread_done\n"
    ".popsection\n");
#else
asm(".pushsection .text.litmus_done, \"ax\"\n"
    ".globl litmus_thread_done\n"
    ".type litmus_thread_done, %function\n"
    "litmus_thread_done:\n"
    "	adrp x1, litmus_params\n"
    "	add x1, x1, :lo12:litmus_params\n"
    "	add x1, x1, #28\n"
    "	mov w2, #-1\n"
    "	ldaddal w2, w3, [x1]\n"
    "	cmp w3, #1\n"
    "	b.ne 1f\n"
    "	mov x8, #" __stringify(HC_DONE) "\n"
    "	mov x0, #0\n"
    "	hvc #0\n"
    "1:	wfi\n"
    "	b 1b\n"
    ".size litmus_thread_done, . - litmus_thread_done\n"
    ".popsection\n");
#endif

static void __noreturn litmus_cpu(void *unused)
{
	unsigned int cpu = smp_processor_id();
	const void *code = litmus_code + cpu * LITMUS_CODE_BYTES;

	/* nothing may interrupt a thread: interrupts are not part of a litmus test */
	local_irq_disable();
	/* fully ordered: the last arrival's release below follows every arrival */
	if (atomic_inc_return(&litmus_arrived) == (int)nr_cpu_ids) {
		/* fully ordered: go is committed before the checkpoint */
		atomic_xchg(&litmus_go, 1);
		mmulab_hypercall(HC_SCENARIO_START, 0, 0, 0, 0);
	} else {
		/*
		 * No cpu_relax(): a spin hint is a scheduling point that touches
		 * no memory, and a CPU stopped at one when the checkpoint is
		 * taken would start every run with a step that the search must
		 * treat as dependent with everything. Stopped at this load, its
		 * first step reads go, which is all it does.
		 */
		while (!atomic_read_acquire(&litmus_go))
			;
	}
	/* a jump, not a call: a call would push (a store) after the checkpoint */
#ifdef __x86_64__
	asm volatile("jmp *%0" : : "r"(code) : "memory");
#else
	asm volatile("br %0" : : "r"(code) : "memory");
#endif
	__builtin_unreachable();
}

void scenario_setup(void)
{
	unsigned int threads = READ_ONCE(litmus_params.threads);

	if (!threads)
		return;
	if (threads != nr_cpu_ids)
		panic("litmus test has %u threads but the machine has %u CPUs", threads, nr_cpu_ids);
	smp_call_function(litmus_cpu, NULL, 0);
	litmus_cpu(NULL);
}

/* only an unpatched image gets here */
int scenario_main(unsigned int cpu)
{
	return 0;
}
