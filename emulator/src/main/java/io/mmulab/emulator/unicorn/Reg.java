package io.mmulab.emulator.unicorn;

import io.mmulab.emulator.Arch;

/**
 * A guest register that {@link Unicorn#readReg} / {@link Unicorn#writeReg} can access as a
 * 64-bit value. Each constant knows how unicorn reaches it (plain register id, MSR,
 * descriptor-table struct, ARM64 system-register encoding), so callers never handle
 * unicorn's per-register C structs.
 */
public sealed interface Reg permits X86Reg, Arm64Reg {
    /** The architecture this register belongs to; using it on another engine is an error. */
    Arch arch();

    /** The register's name, e.g. {@code RIP} or {@code TTBR0_EL1}. */
    String name();

    /** Whether {@link Unicorn#writeReg} accepts it. */
    boolean writable();
}
