package io.mmulab.emulator.explore;

import io.mmulab.emulator.machine.Outcome;

import java.util.List;

/** What one run from the checkpoint produced: its outcome and every decision it made. */
public record RunResult(Outcome outcome, List<Decision> decisions, long steps) {

    public boolean failed() {
        return outcome.failed() && outcome.kind() != Outcome.Kind.BUDGET_EXHAUSTED;
    }
}
