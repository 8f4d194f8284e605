// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.explore.Runner;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.Scheduler;

import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Runner} that, after each run, records the final state it reached (runs that end
 * DONE) or how it ended otherwise, and counts them. The exploration strategy drives it like
 * any runner and never sees the difference.
 */
final class StateCountingRunner implements Runner {
    private final MachineRunner inner;
    private final StateReader reader;
    private final Map<FinalState, Long> states = new TreeMap<>();
    private final Map<Outcome.Kind, Long> unfinished = new TreeMap<>();
    private String firstProblem;
    private long runs;

    StateCountingRunner(MachineRunner inner, StateReader reader) {
        this.inner = inner;
        this.reader = reader;
    }

    @Override
    public RunResult run(Scheduler scheduler) {
        RunResult r = inner.run(scheduler);
        runs++;
        if (r.outcome().kind() == Outcome.Kind.DONE) {
            states.merge(reader.read(inner.machine()), 1L, Long::sum);
        } else {
            unfinished.merge(r.outcome().kind(), 1L, Long::sum);
            if (firstProblem == null) {
                firstProblem = r.outcome().kind() + ": " + r.outcome().message();
            }
        }
        return r;
    }

    /** Each final state reached, with how many runs reached it. */
    Map<FinalState, Long> states() {
        return states;
    }

    /** Runs that did not end DONE, by how they ended. */
    Map<Outcome.Kind, Long> unfinished() {
        return unfinished;
    }

    /** How the first run that did not end DONE ended, or null. */
    String firstProblem() {
        return firstProblem;
    }

    long runs() {
        return runs;
    }
}
