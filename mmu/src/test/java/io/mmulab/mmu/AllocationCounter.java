package io.mmulab.mmu;

import java.lang.management.ManagementFactory;

/** The JVM's per-thread allocation counter, for the tests that keep hot paths free of allocation. */
public final class AllocationCounter {
    private AllocationCounter() {
    }

    /** The counter, switched on; null on a JVM without one (the test then skips). */
    public static com.sun.management.ThreadMXBean bean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
                && b.isThreadAllocatedMemorySupported()) {
            b.setThreadAllocatedMemoryEnabled(true);
            return b;
        }
        return null;
    }
}
