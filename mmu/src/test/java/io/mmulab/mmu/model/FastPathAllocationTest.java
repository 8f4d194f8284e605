package io.mmulab.mmu.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mmulab.mmu.AllocationCounter;
import io.mmulab.mmu.MemoryViews;
import org.junit.jupiter.api.Test;

/**
 * The write hook calls {@link MemorySystem#store} and the read hook {@link MemorySystem#load} on
 * every shared access: their common paths (sc commit, buffering with room, plain loads, drains)
 * must not allocate. Measured with the JVM's per-thread allocation counter.
 */
class FastPathAllocationTest {
    private static final int ROUNDS = 50_000;

    private static void round(MemorySystem ms, int i) {
        long a = Litmus.X + 8L * (i & 7);
        ms.store(0, a, 8, i, StoreKind.PLAIN);
        ms.store(1, a + 64, 4, i, StoreKind.RELEASE);
        ms.store(0, a + 128, 2, i, StoreKind.PLAIN);
        ms.load(0, a, 8, LoadKind.PLAIN);
        ms.load(1, a, 8, LoadKind.ACQUIRE_PC);
        if ((i & 3) == 3) {
            ms.barrier(0, Barrier.FULL);
            ms.load(1, a, 8, LoadKind.ACQUIRE);
            ms.drain(1);
        }
    }

    @Test
    void storeLoadAndDrainAllocateNothing() {
        com.sun.management.ThreadMXBean bean = AllocationCounter.bean();
        assumeTrue(bean != null, "no per-thread allocation counter on this JVM");
        for (ModelKind m : ModelKind.values()) {
            try (MemoryViews views = MemoryViews.allocate(Litmus.MEM, 2)) {
                views.addCommitListener((cpu, pa, size, value) -> { });
                MemorySystem ms = new MemorySystem(views, m, 8);
                for (int i = 0; i < ROUNDS; i++) {
                    round(ms, i); // warm up: let the JIT compile and link everything
                }
                long tid = Thread.currentThread().threadId();
                long before = bean.getThreadAllocatedBytes(tid);
                for (int i = 0; i < ROUNDS; i++) {
                    round(ms, i);
                }
                long allocated = bean.getThreadAllocatedBytes(tid) - before;
                // A single allocation per round would be >= 16 bytes x ROUNDS.
                assertTrue(allocated < 64 * 1024, m + ": " + allocated + " bytes allocated in " + ROUNDS + " rounds");
                ms.drain(0);
                assertFalse(ms.anyPending());
            }
        }
    }
}
