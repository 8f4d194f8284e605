package io.mmulab.gui.session;

import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.explore.DefaultPolicy;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.Scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The debugger as a scheduler: it first replays {@code replay} (the way back to where the user
 * was), then at every decision either runs on by itself (a {@link Command.Run} in progress) or
 * publishes a snapshot and waits for the user's choice. Whatever is chosen becomes the run's
 * decision list, so every position the user reaches is a replayable trace prefix.
 *
 * <p>Going somewhere else (step back, reset, a timeline click) needs a fresh run from the
 * checkpoint: the scheduler lets one more decision happen with the machine set to pause right
 * after it, and the session starts over from the checkpoint with the new list.
 */
final class InteractiveScheduler implements Scheduler {
    private final DebugSession session;
    private final Machine machine;
    private final List<Decision> replay;
    /** Events recorded when each decision was made (index = decision number). */
    private final List<Integer> marks = new ArrayList<>();
    private int replayLimit;
    private long budget;
    private boolean firstOfRun;
    private Command.GoTo abort;
    private boolean quit;

    InteractiveScheduler(DebugSession session, Machine machine, List<Decision> replay) {
        this.session = session;
        this.machine = machine;
        this.replay = List.copyOf(replay);
        this.replayLimit = this.replay.size();
    }

    @Override
    public int choose(ChoiceSet c) {
        int n = machine.decisions().size();
        marks.add(machine.events().size());
        session.sample(n);
        if (abort != null) {
            return DefaultPolicy.choose(c);   // winding down towards the pause
        }
        if (n < replayLimit) {
            int i = replay.get(n).indexIn(c);
            if (i >= 0) {
                return i;
            }
            replayLimit = n;
            session.note("replay diverged at decision " + n + ": " + replay.get(n) + " is not among " + c);
        }
        if (budget > 0) {
            Command interrupt = session.poll();
            if (interrupt instanceof Command.GoTo || interrupt instanceof Command.Quit) {
                return leave(interrupt, c, n);
            }
            String hit = firstOfRun ? null : session.breakpointHit(c);
            if (interrupt instanceof Command.Pause) {
                budget = 0;
                session.note("paused");
            } else if (hit != null) {
                budget = 0;
                session.note(hit);
            } else {
                return runOn(c, n);
            }
        }
        session.publish(c, marks, true);
        while (true) {
            Command cmd = session.take();
            switch (cmd) {
                case Command.Take t -> {
                    int i = t.decision().indexIn(c);
                    if (i >= 0) {
                        session.took(n, t.decision());
                        return i;
                    }
                }
                case Command.Run r -> {
                    budget = r.decisions();
                    firstOfRun = true;
                    return runOn(c, n);
                }
                case Command.Refresh ignored -> session.publish(c, marks, true);
                case Command.Pause ignored -> { }
                case Command.GoTo g -> {
                    return leave(g, c, n);
                }
                case Command.Quit q -> {
                    return leave(q, c, n);
                }
            }
        }
    }

    private int runOn(ChoiceSet c, int n) {
        budget--;
        firstOfRun = false;
        session.publishThrottled(c, marks);
        return session.auto(c, n);
    }

    /** Ends this run right after the decision being made now (whatever it is: the state is thrown away). */
    private int leave(Command why, ChoiceSet c, int n) {
        abort = why instanceof Command.GoTo g ? g : new Command.GoTo(List.of());
        quit = why instanceof Command.Quit;
        machine.pauseAfter(n + 1);
        return DefaultPolicy.choose(c);
    }

    /** Where to go next, when this run was left for another position; null when it ended by itself. */
    Command.GoTo abort() {
        return abort;
    }

    boolean quit() {
        return quit;
    }

    List<Integer> marks() {
        return marks;
    }

    @Override
    public String describe() {
        return "debugger(" + replay.size() + " decisions replayed, then interactive)";
    }
}
