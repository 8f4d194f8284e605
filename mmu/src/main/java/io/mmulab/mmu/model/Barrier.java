package io.mmulab.mmu.model;

/** A fence instruction, as the emulator classifies it. */
public enum Barrier {
    /** {@code mfence}, {@code dmb ish}/{@code dmb sy}, {@code dsb}: every earlier store commits first. */
    FULL,
    /** {@code dmb ishst}: stores before it commit before stores after it. */
    STORE_STORE,
    /** {@code dmb ishld}, {@code lfence}, {@code sfence}: no effect here (loads are already in order). */
    LOAD
}
