package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.Scheduler;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Replays decisions. Two modes:
 * <ul>
 * <li><b>replay</b>: one scripted {@link Decision} per decision point, in order, matched by
 * meaning ({@link Decision#indexIn}); a scripted decision that is not offered throws
 * {@link ReplayDivergedException}. After the script: {@link #strict} throws too,
 * {@link #thenDefault} follows {@link DefaultPolicy}, {@link #then} hands over to another
 * scheduler.</li>
 * <li><b>deviations</b> (used by minimisation): a map from decision number to decision; at
 * every other point {@link DefaultPolicy}; a deviation that is not offered where it is
 * scheduled is skipped (DefaultPolicy decides there) and counted in {@link #skipped()}.</li>
 * </ul>
 * Decision numbers are 0-based, counted from the checkpoint. Deterministic; one instance per run.
 */
public final class ScriptedScheduler implements Scheduler {
    private enum Mode { STRICT, DEFAULT, FALLBACK, DEVIATIONS }

    private final Mode mode;
    private final List<Decision> script;
    private final NavigableMap<Integer, Decision> deviations;
    private final Scheduler fallback;
    private int position;
    private int consumed;
    private int skipped;
    private ReplayDivergedException divergence;

    private ScriptedScheduler(Mode mode, List<Decision> script, NavigableMap<Integer, Decision> deviations,
            Scheduler fallback) {
        this.mode = mode;
        this.script = script;
        this.deviations = deviations;
        this.fallback = fallback;
    }

    /**
     * Strict replay of {@code script}, as {@link #strict}: any divergence, or a run longer than
     * the script, throws {@link ReplayDivergedException}; a run that ends earlier (paused, or
     * stopped by a failure) is fine.
     */
    public ScriptedScheduler(List<Decision> script) {
        this(Mode.STRICT, List.copyOf(script), null, null);
    }

    /** Replays {@code script}; any divergence, or a run longer than the script, throws. */
    public static ScriptedScheduler strict(List<Decision> script) {
        return new ScriptedScheduler(Mode.STRICT, List.copyOf(script), null, null);
    }

    /** Replays {@code script}, then follows {@link DefaultPolicy}; a divergence within the script throws. */
    public static ScriptedScheduler thenDefault(List<Decision> script) {
        return new ScriptedScheduler(Mode.DEFAULT, List.copyOf(script), null, null);
    }

    /** Replays {@code script}, then lets {@code fallback} decide; a divergence within the script throws. */
    public static ScriptedScheduler then(List<Decision> script, Scheduler fallback) {
        return new ScriptedScheduler(Mode.FALLBACK, List.copyOf(script), null, Objects.requireNonNull(fallback));
    }

    /**
     * DefaultPolicy everywhere except at the decision numbers in {@code deviations}, where the
     * given decision is taken if it is offered (and skipped otherwise).
     */
    public static ScriptedScheduler deviations(Map<Integer, Decision> deviations) {
        TreeMap<Integer, Decision> copy = new TreeMap<>(deviations);
        for (Map.Entry<Integer, Decision> e : copy.entrySet()) {
            if (e.getKey() < 0 || e.getValue() == null) {
                throw new IllegalArgumentException("bad deviation " + e);
            }
        }
        return new ScriptedScheduler(Mode.DEVIATIONS, null, copy, null);
    }

    @Override
    public int choose(ChoiceSet c) {
        int n = position++;
        if (mode == Mode.DEVIATIONS) {
            Decision d = deviations.get(n);
            if (d != null) {
                int i = d.indexIn(c);
                if (i >= 0) {
                    consumed++;
                    return i;
                }
                skipped++;
            }
            return DefaultPolicy.choose(c);
        }
        if (n < script.size()) {
            Decision d = script.get(n);
            int i = d.indexIn(c);
            if (i < 0) {
                throw diverged(new ReplayDivergedException(n, d, c.toString()));
            }
            consumed++;
            return i;
        }
        return switch (mode) {
            case STRICT -> throw diverged(new ReplayDivergedException(n, null, c.toString()));
            case DEFAULT -> DefaultPolicy.choose(c);
            case FALLBACK -> fallback.choose(c);
            case DEVIATIONS -> throw new AssertionError();
        };
    }

    private ReplayDivergedException diverged(ReplayDivergedException e) {
        if (divergence == null) {
            divergence = e;
        }
        return e;
    }

    /**
     * The divergence this scheduler threw, or null. For callers whose runner turns exceptions
     * thrown by the scheduler (inside a hook) into an outcome instead of passing them on.
     */
    public ReplayDivergedException divergence() {
        return divergence;
    }

    /** How many decisions this scheduler has been asked for so far (the next decision's number). */
    public int position() {
        return position;
    }

    /** How many scripted decisions were taken: script entries replayed, or deviations applied. */
    public int consumed() {
        return consumed;
    }

    /** Deviations mode: how many scheduled deviations were not offered and so skipped. */
    public int skipped() {
        return skipped;
    }

    /** Replay modes: whether every scripted decision has been replayed. */
    public boolean scriptFinished() {
        return script != null && consumed == script.size();
    }

    @Override
    public String describe() {
        return switch (mode) {
            case STRICT -> "replay(" + script.size() + " decisions, strict)";
            case DEFAULT -> "replay(" + script.size() + " decisions, then default)";
            case FALLBACK -> "replay(" + script.size() + " decisions, then " + fallback.describe() + ")";
            case DEVIATIONS -> "deviations(" + deviations.size() + ")";
        };
    }
}
