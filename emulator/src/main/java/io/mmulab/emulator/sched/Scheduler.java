package io.mmulab.emulator.sched;

/**
 * Decides which vCPU moves next. Called at every scheduling point of the running vCPU
 * (a shared access, a barrier, a spin hint, the end of an instruction slice) and whenever
 * the running vCPU stops being runnable. Implementations must be deterministic functions
 * of their seed and the calls they have seen: that is what makes a run replayable.
 */
public interface Scheduler {

    /**
     * @param current  the vCPU that reached the point
     * @param runnable the runnable vCPUs in ascending order, never empty; it contains
     *                 {@code current} unless that vCPU just halted or finished
     * @return the vCPU to run next: {@code current} to continue, or any member of {@code runnable}
     */
    int pick(int current, int[] runnable);

    /** A short description for reports, e.g. {@code random(seed=7, p=0.05)}. */
    String describe();
}
