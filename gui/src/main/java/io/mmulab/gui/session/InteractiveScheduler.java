package io.mmulab.gui.session;

import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.explore.DefaultPolicy;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.InstructionStepper;

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
 * after it (or, inside a step, pauses at once), and the session starts over from the checkpoint
 * with the new list.
 *
 * <p>Inside steps: a step may stop after a number of its instructions or at a breakpoint
 * ({@link InstructionStepper}); a position is then the decision list plus the instructions of
 * the last step executed so far, and replaying to it stops the last step after that many again.
 * Breakpoints and watchpoints do not stop a replay, only what happens after it.
 */
final class InteractiveScheduler implements InstructionStepper {
    private final DebugSession session;
    private final Machine machine;
    private final List<Decision> replay;
    /** Instructions of the last replayed decision's step to execute before stopping (0: none). */
    private final long replayInstructions;
    /** Stop the step in progress once it has executed this many instructions (0: no limit). */
    private long limit;
    /** Instructions the step in progress has executed, as of its last stop inside it. */
    private long into;
    /** Still on the way back to the position asked for: no breakpoint stops. */
    private boolean replaying;
    /** Events recorded when each decision was made (index = decision number). */
    private final List<Integer> marks = new ArrayList<>();
    private int replayLimit;
    private long budget;
    private boolean firstOfRun;
    private Command.GoTo abort;
    private boolean quit;

    InteractiveScheduler(DebugSession session, Machine machine, Command.GoTo target) {
        this.session = session;
        this.machine = machine;
        this.replay = target.decisions();
        this.replayInstructions = target.instructions();
        this.replayLimit = this.replay.size();
        this.replaying = !replay.isEmpty() || replayInstructions > 0;
    }

    @Override
    public int choose(ChoiceSet c) {
        int n = machine.decisions().size();
        session.pacer().giveWay();   // replaying or running on: leave the window its frames
        marks.add(machine.events().size());
        session.sample(n);
        limit = 0;
        into = 0;
        if (abort != null) {
            return DefaultPolicy.choose(c);   // winding down towards the pause
        }
        if (n < replayLimit) {
            int i = replay.get(n).indexIn(c);
            if (i >= 0) {
                if (n == replay.size() - 1) {
                    limit = replayInstructions;
                    replaying = replayInstructions > 0;
                }
                return i;
            }
            replayLimit = n;
            session.note("replay diverged at decision " + n + ": " + replay.get(n) + " is not among " + c);
        }
        replaying = false;
        if (budget > 0) {
            Command interrupt = session.poll();
            if (interrupt instanceof Command.GoTo || interrupt instanceof Command.Quit) {
                return leave(interrupt, c, n);
            }
            String hit = firstOfRun ? null : session.watchpointHit(n);
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
                case Command.StepInstructions si -> {
                    Decision step = new Decision(ChoiceSet.Kind.STEP, si.cpu(), 0);
                    int i = step.indexIn(c);
                    if (i >= 0 && si.count() > 0) {
                        session.took(n, step);
                        limit = si.count();   // the step's first instruction is the one it stands on
                        return i;
                    }
                    session.note("cpu" + si.cpu() + " cannot step at this decision");
                    session.publish(c, marks, true);
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

    @Override
    public long instructionLimit(int cpu) {
        return limit;
    }

    @Override
    public boolean breaksAt(long pc) {
        return !replaying && abort == null && session.breaksAt(pc);
    }

    /** Stopped inside the step of {@code cpu}, at its limit or a breakpoint: the user's turn again. */
    @Override
    public boolean midStep(int cpu, long executed, boolean atBreakpoint) {
        into = executed;
        limit = 0;
        replaying = false;
        if (abort != null) {
            return false;
        }
        budget = 0;
        session.note(atBreakpoint ? session.breakpointReached(cpu, machine.vcpus().get(cpu).pc()) : "");
        session.publishInside(into, marks);
        while (true) {
            Command cmd = session.take();
            switch (cmd) {
                case Command.StepInstructions si -> {
                    if (si.cpu() == cpu && si.count() > 0) {
                        limit = into + si.count();
                        return true;
                    }
                }
                case Command.Take t -> {
                    // the step in progress, to its end
                    if (t.decision().kind() == ChoiceSet.Kind.STEP && t.decision().cpu() == cpu) {
                        return true;
                    }
                }
                case Command.Run r -> {
                    budget = r.decisions();
                    firstOfRun = true;
                    return true;
                }
                case Command.Refresh ignored -> session.publishInside(into, marks);
                case Command.Pause ignored -> { }
                case Command.GoTo g -> {
                    abort = g;
                    return false;
                }
                case Command.Quit q -> {
                    abort = new Command.GoTo(List.of());
                    quit = true;
                    return false;
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
        return "debugger(" + replay.size() + " decisions" + (replayInstructions > 0 ? " and " + replayInstructions
                + " instructions" : "") + " replayed, then interactive)";
    }
}
