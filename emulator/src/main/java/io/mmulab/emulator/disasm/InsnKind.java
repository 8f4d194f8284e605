package io.mmulab.emulator.disasm;

/**
 * What an instruction means to the memory system, interrupts or the emulator. One instruction
 * may have several kinds (an x86 {@code mov %rax,%cr3} both changes translation and flushes
 * non-global TLB entries).
 */
public enum InsnKind {
    /** A barrier: {@code mfence/lfence/sfence}, {@code dmb}, {@code dsb}, {@code isb}; see {@link FenceKind}. */
    FENCE,
    /** A single-instruction atomic read-modify-write: x86 {@code lock}-prefixed or {@code xchg} with memory; ARM64 LSE. */
    ATOMIC_RMW,
    /** ARM64 {@code ldxr}/{@code ldaxr}/{@code ldxp}/{@code ldaxp}: arms the exclusive monitor. */
    LOAD_EXCLUSIVE,
    /** ARM64 {@code stxr}/{@code stlxr}/{@code stxp}/{@code stlxp}: succeeds only while the monitor holds. */
    STORE_EXCLUSIVE,
    /** ARM64 {@code clrex}. */
    CLEAR_EXCLUSIVE,
    /** ARM64 {@code ldar*}, {@code ldlar*}, {@code ldapr*}, {@code ldapur*}. */
    LOAD_ACQUIRE,
    /** ARM64 {@code stlr*}, {@code stllr*}, {@code stlur*}. */
    STORE_RELEASE,
    /** Drops TLB entries: x86 {@code invlpg}, {@code invpcid}, {@code invlpgb}, CR3 writes; ARM64 {@code tlbi}. */
    TLB_MAINTENANCE,
    /** Writes state the page-table walk or permission check depends on (CR0/CR3/CR4, TTBRn/TCR/SCTLR/MAIR, SMAP/PAN). */
    TRANSLATION_CONTROL,
    /** May change whether interrupts are taken: {@code cli/sti/popf}, CR8, {@code msr daif*}, ICC_PMR, exception returns. */
    IRQ_MASK,
    /** Stops or slows the CPU until something happens: {@code hlt}, {@code wfi}, {@code wfe}, spin hints; see {@link Classification#halts()}. */
    HALT_WAIT,
    /** Returns from an exception or system call: {@code iret*}, {@code sysret}, {@code sysexit}, {@code eret}. */
    EXCEPTION_RETURN,
    /** The mmulab guest-to-emulator call: x86 {@code outl %eax,$0x4d}, ARM64 {@code hvc}. */
    HYPERCALL,
    /** Waits for earlier maintenance to complete everywhere: ARM64 {@code dsb} (needed after broadcast {@code tlbi}), x86 {@code tlbsync}. */
    SYNC_BARRIER,
    /**
     * ARM64 {@code sev}/{@code sevl}: wakes CPUs waiting in {@code wfe}. Only an emulator that parks
     * vCPUs in {@code wfe} needs it; one that treats {@code wfe} as a yield (always allowed, since
     * {@code wfe} may wake spuriously) can ignore it.
     */
    EVENT_SIGNAL
}
