package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.unicorn.Reg;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.TranslationRegime;

/**
 * What differs between the two architectures as far as running a vCPU is concerned:
 * registers of the boot protocol and of hypercalls, and how the translation regime is
 * read. Everything here follows kernel-model's include/mmulab/hypercall.h.
 */
interface ArchOps {

    static ArchOps of(Arch arch) {
        return switch (arch) {
            case X86_64 -> new X86Ops();
            case ARM64 -> new Arm64Ops();
        };
    }

    Reg pc();

    /**
     * The registers a loop's next iteration can depend on: general-purpose registers, stack
     * pointer and flags (see {@link SpinDetector}).
     */
    Reg[] loopState();

    /** cpu number, number of vCPUs and memory size into the first three argument registers. */
    void setBootRegisters(Unicorn uc, int cpu, int nrCpus, long memBytes);

    /** The vCPU's current translation regime, read from its control registers. */
    TranslationRegime regime(Unicorn uc);

    /** A page walker for the vCPU's current translation regime over {@code mem}. */
    default PageWalker walker(Unicorn uc, PhysicalMemory mem) {
        return PageWalker.of(mem, regime(uc));
    }

    /** The ASID (arm64) or PCID (x86) that tags TLB entries filled for {@code va} now. */
    int addressSpaceId(TranslationRegime regime, long va);

    /** Whether interrupts are masked (x86 RFLAGS.IF clear, arm64 PSTATE.I set). */
    boolean irqsMasked(Unicorn uc);

    Privilege privilege(Unicorn uc);

    long hypercallNumber(Unicorn uc);

    long hypercallArg(Unicorn uc, int i);

    void setHypercallResult(Unicorn uc, long value);
}
