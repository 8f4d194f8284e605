package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.Scheduler;

/**
 * Runs the scenario once, from its checkpoint (or from boot when it has none), under the
 * given scheduler, to its end. Strategies that need many runs (dfs, minimisation) drive it.
 */
public interface Runner {
    RunResult run(Scheduler scheduler);
}
