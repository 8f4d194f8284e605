package io.mmulab.mmu.model;

/** What kind of instruction a store comes from; the emulator classifies it. */
public enum StoreKind {
    /** An ordinary store. */
    PLAIN(false, false),
    /** ARM64 {@code stlr}: commits only after every earlier store of its CPU. */
    RELEASE(false, true),
    /** Write half of a relaxed atomic (LSE without {@code L}, {@code stxr}). */
    ATOMIC_RELAXED(true, false),
    /** Write half of a release atomic ({@code ldaddl}, {@code casl}, {@code stlxr}). */
    ATOMIC_RELEASE(true, true),
    /**
     * Write half of a fully ordered atomic ({@code *AL}, the {@code dmb ish} sequences) or of any
     * x86 locked instruction: commits at once, after draining.
     */
    ATOMIC_FULL(true, true);

    private final boolean atomic;
    private final boolean release;

    StoreKind(boolean atomic, boolean release) {
        this.atomic = atomic;
        this.release = release;
    }

    /** The write half of an atomic read-modify-write or of a store-exclusive. */
    public boolean isAtomic() {
        return atomic;
    }

    /** Ordered after every earlier store of the same CPU. */
    public boolean isRelease() {
        return release;
    }

    /** Whether a buffered store of this kind holds its bytes until it commits (arm only buffers these). */
    boolean holds() {
        return atomic && this != ATOMIC_FULL;
    }
}
