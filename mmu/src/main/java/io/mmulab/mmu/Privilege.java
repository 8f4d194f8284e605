package io.mmulab.mmu;

/** The privilege an access is made at: x86 CPL 0 vs 3, ARM64 EL1 vs EL0. */
public enum Privilege {
    KERNEL,
    USER
}
