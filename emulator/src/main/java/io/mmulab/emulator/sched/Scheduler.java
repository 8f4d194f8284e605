package io.mmulab.emulator.sched;

/**
 * Decides what happens next at every decision point: which vCPU steps, which buffered store
 * commits, which pending interrupt is taken. Called at every scheduling point of the running
 * vCPU (a shared access, a barrier, a spin hint, the end of an instruction slice) and whenever
 * no vCPU is running. Implementations must be deterministic functions of their seed and the
 * calls they have seen: that is what makes a run replayable.
 */
public interface Scheduler {

    /**
     * @param choices the options, never empty
     * @return the index of the chosen option
     */
    int choose(ChoiceSet choices);

    /** A short description for reports, e.g. {@code random(seed=7, p=0.05)}. */
    String describe();
}
