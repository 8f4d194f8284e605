package io.mmulab.emulator.disasm;

/** Which earlier accesses a barrier orders before which later ones. */
public enum FenceKind {
    /** Everything before everything: {@code mfence}, x86 locked instructions, {@code dmb ish/sy/osh}, every {@code dsb}. */
    FULL,
    /** Stores before stores: {@code sfence}, {@code dmb ishst}. */
    STORE_STORE,
    /** Loads before loads and stores: {@code lfence}, {@code dmb ishld}. */
    LOAD_LOAD_STORE,
    /** Context synchronization, no data ordering: {@code isb}. */
    INSTRUCTION,
    NONE
}
