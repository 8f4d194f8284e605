package io.mmulab.gui.session;

import io.mmulab.emulator.explore.Decision;

import java.util.List;

/**
 * What the user asked the machine to do. The GUI thread only ever queues these; the worker
 * carries them out between decisions, so the machine is touched by one thread alone.
 */
public sealed interface Command {
    /** Take one of the options offered at the current decision (step, commit, deliver). */
    record Take(Decision decision) implements Command {
    }

    /** Let {@code decisions} decisions happen on their own (the trace where on its path, else the default policy). */
    record Run(long decisions) implements Command {
    }

    /** Stop a {@link Run} at the next decision. */
    record Pause() implements Command {
    }

    /**
     * Execute {@code count} instructions of {@code cpu}: at a decision where it may step, that
     * step is taken and stops after them (unless it reaches its next decision first); inside a
     * step of {@code cpu}, the step goes on by that many.
     */
    record StepInstructions(int cpu, long count) implements Command {
    }

    /**
     * Back to the checkpoint, then replay exactly {@code decisions} and, when {@code instructions}
     * is positive, that many instructions of the last one's step: step back, reset, timeline clicks.
     */
    record GoTo(List<Decision> decisions, long instructions) implements Command {
        public GoTo {
            decisions = List.copyOf(decisions);
            if (instructions < 0 || (instructions > 0 && (decisions.isEmpty()
                    || decisions.getLast().kind() == io.mmulab.emulator.sched.ChoiceSet.Kind.COMMIT))) {
                throw new IllegalArgumentException("instructions inside a step need a step or an interrupt as the last decision");
            }
        }

        public GoTo(List<Decision> decisions) {
            this(decisions, 0);
        }
    }

    /** Take a fresh snapshot (another vCPU or frame was selected). */
    record Refresh() implements Command {
    }

    record Quit() implements Command {
    }

    /**
     * One position back from {@code done} plus {@code instructions} of the last step: inside a
     * step one instruction less (from its first, the decision it began at); at a decision, the
     * decision before.
     */
    static GoTo stepBack(List<Decision> done, long instructions) {
        if (instructions > 1) {
            return new GoTo(done, instructions - 1);
        }
        return new GoTo(done.subList(0, Math.max(0, done.size() - 1)));
    }

    static Run runToEnd() {
        return new Run(Long.MAX_VALUE);
    }
}
