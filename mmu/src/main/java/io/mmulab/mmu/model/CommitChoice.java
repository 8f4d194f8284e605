package io.mmulab.mmu.model;

/** One buffered store that may commit next: a scheduler choice. */
public record CommitChoice(int cpu, long seq) {
}
