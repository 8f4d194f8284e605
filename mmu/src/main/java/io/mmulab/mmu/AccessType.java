package io.mmulab.mmu;

/** What a memory access wants to do with the page it touches. */
public enum AccessType {
    READ,
    WRITE,
    /** Instruction fetch: needs execute permission. */
    FETCH
}
