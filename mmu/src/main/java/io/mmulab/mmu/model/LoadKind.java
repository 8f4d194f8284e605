package io.mmulab.mmu.model;

/** What kind of instruction a load comes from; the emulator classifies it. */
public enum LoadKind {
    /** An ordinary load. */
    PLAIN(false),
    /** ARM64 {@code ldar} (and {@code ldaxr} used as a plain acquire): RCsc, waits for earlier {@code stlr}s. */
    ACQUIRE(false),
    /** ARM64 {@code ldapr}: RCpc, no wait for earlier {@code stlr}s. */
    ACQUIRE_PC(false),
    /** Read half of a relaxed atomic ({@code ldadd}, {@code ldxr}). */
    ATOMIC_RELAXED(true),
    /** Read half of an acquire atomic ({@code ldadda}, {@code casa}, {@code ldaxr}). */
    ATOMIC_ACQUIRE(true),
    /** Read half of a release atomic ({@code ldaddl}, {@code casl}). */
    ATOMIC_RELEASE(true),
    /** Read half of a fully ordered atomic ({@code *AL}) or of any x86 locked instruction. */
    ATOMIC_FULL(true);

    private final boolean atomic;

    LoadKind(boolean atomic) {
        this.atomic = atomic;
    }

    /** The read half of an atomic read-modify-write or a load-exclusive. */
    public boolean isAtomic() {
        return atomic;
    }
}
