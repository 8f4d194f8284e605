package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.Scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Wraps a scheduler and keeps, for the run it decides, every decision taken and where it
 * differs from {@link DefaultPolicy} (a <em>deviation</em>), classified: a <em>preemption</em>
 * is a step of another vCPU while stepping the current one was possible; a <em>delayed
 * commit</em> is a step while a store could have committed; a <em>delayed delivery</em> is
 * anything but a delivery while an interrupt could have been taken. It also keeps the
 * footprint of every decision taken. One instance per run.
 */
public final class DeviationTracker implements Scheduler {
    private final Scheduler delegate;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Footprint> footprints = new ArrayList<>();
    private final TreeMap<Integer, Decision> deviations = new TreeMap<>();
    private int preemptions;
    private int delayedCommits;
    private int delayedDeliveries;

    public DeviationTracker(Scheduler delegate) {
        this.delegate = delegate;
    }

    @Override
    public int choose(ChoiceSet c) {
        int i = delegate.choose(c);
        if (i < 0 || i >= c.size()) {
            throw new IllegalStateException(delegate.describe() + " chose option " + i + " of " + c);
        }
        int n = decisions.size();
        Decision d = Decision.of(c, i);
        decisions.add(d);
        footprints.add(Footprint.of(c, i));
        if (i != DefaultPolicy.choose(c)) {
            deviations.put(n, d);
        }
        if (c.kind(i) == ChoiceSet.Kind.STEP) {
            if (c.currentRunnable() && c.cpu(i) != c.current()) {
                preemptions++;
            }
            if (c.count(ChoiceSet.Kind.COMMIT) > 0) {
                delayedCommits++;
            }
        }
        if (c.kind(i) != ChoiceSet.Kind.DELIVER && c.count(ChoiceSet.Kind.DELIVER) > 0) {
            delayedDeliveries++;
        }
        return i;
    }

    public List<Decision> decisions() {
        return Collections.unmodifiableList(decisions);
    }

    /** What each decision taken touched, as offered (parallel to {@link #decisions()}). */
    public List<Footprint> footprints() {
        return Collections.unmodifiableList(footprints);
    }

    /** Decision number (0-based) to the decision taken there, where that differs from DefaultPolicy. */
    public NavigableMap<Integer, Decision> deviations() {
        return Collections.unmodifiableNavigableMap(deviations);
    }

    public int preemptions() {
        return preemptions;
    }

    public int delayedCommits() {
        return delayedCommits;
    }

    public int delayedDeliveries() {
        return delayedDeliveries;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
