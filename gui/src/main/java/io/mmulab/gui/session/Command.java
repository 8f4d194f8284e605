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

    /** Back to the checkpoint, then replay exactly {@code decisions}: step back, reset, timeline clicks. */
    record GoTo(List<Decision> decisions) implements Command {
        public GoTo {
            decisions = List.copyOf(decisions);
        }
    }

    /** Take a fresh snapshot (another vCPU or frame was selected). */
    record Refresh() implements Command {
    }

    record Quit() implements Command {
    }

    static Run runToEnd() {
        return new Run(Long.MAX_VALUE);
    }
}
