package io.mmulab.mmu;

/** Told of every store as it becomes visible to all CPUs (committed), in commit order. */
@FunctionalInterface
public interface CommitListener {
    void onCommit(int cpu, long pa, int size, long value);
}
