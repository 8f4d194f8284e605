package io.mmulab.mmu;

/**
 * Translates virtual addresses by reading page tables from physical memory, for one fixed
 * register state. Walkers are cheap; make a new one when the control registers change.
 */
public interface PageWalker {
    /**
     * Translates {@code va} for {@code access} at {@code priv}. Pure: reads the tables and changes
     * nothing, so a debugger or fault report can walk freely.
     */
    WalkResult walk(long va, AccessType access, Privilege priv);

    /**
     * Like {@link #walk}, then, if the access is allowed, does what a hardware walker does to the
     * entries it used: x86 sets A in every level and D in the leaf on a write; ARM64 sets the
     * leaf's AF when TCR.HA is on. Each update is a compare-and-set, retried with a fresh walk
     * if the entry changed underneath. Faulting walks change nothing. The returned chain holds
     * the values now in memory.
     */
    WalkResult walkAndUpdate(long va, AccessType access, Privilege priv);

    /** The regime this walker translates for. */
    TranslationRegime regime();

    static PageWalker x86(PhysicalMemory mem, X86Regime regs) {
        return new X86PageWalker(mem, regs);
    }

    static PageWalker arm64(PhysicalMemory mem, Arm64Regime regs) {
        return new Arm64PageWalker(mem, regs);
    }

    /** The walker for whichever architecture {@code regime} belongs to. */
    static PageWalker of(PhysicalMemory mem, TranslationRegime regime) {
        return switch (regime) {
            case X86Regime x -> x86(mem, x);
            case Arm64Regime a -> arm64(mem, a);
        };
    }
}
