package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.unicorn.Reg;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.Privilege;

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

    /** cpu number, number of vCPUs and memory size into the first three argument registers. */
    void setBootRegisters(Unicorn uc, int cpu, int nrCpus, long memBytes);

    /** A page walker for the vCPU's current translation regime, over committed memory. */
    PageWalker walker(Unicorn uc, PhysicalMemory committed);

    Privilege privilege(Unicorn uc);

    long hypercallNumber(Unicorn uc);

    long hypercallArg(Unicorn uc, int i);

    void setHypercallResult(Unicorn uc, long value);
}
