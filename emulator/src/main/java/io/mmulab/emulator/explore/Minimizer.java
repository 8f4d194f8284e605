package io.mmulab.emulator.explore;

import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.ChoiceSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shrinks a failing run to the fewest deviations from {@link DefaultPolicy} that still fail
 * with the same {@link Outcome.Kind}. Three moves, repeated while they help, every candidate
 * checked by running it:
 * <ol>
 * <li><b>reorder</b> (trace simplification, after Jalbert and Sen, FSE'10): the run's events
 * are rescheduled in an equivalent order, one that keeps every pair of dependent events (per
 * the recorded footprints) in its order, choosing at each point what DefaultPolicy would
 * choose whenever that is possible; a run with the same happens-before order ends the same
 * way, and this one typically deviates only where the race needs it;</li>
 * <li><b>ddmin</b> (Zeller and Hildebrandt) over the set of deviation positions, each
 * candidate run under {@link ScriptedScheduler#deviations};</li>
 * <li><b>greedy</b>: single deviations removed until none can go.</li>
 * </ol>
 * After every run that still fails, the candidate becomes the deviations that run actually
 * made (scheduled deviations that were not offered, or that coincided with the default, drop
 * out), so the count never grows. The work is bounded by {@code maxRuns}.
 */
public final class Minimizer {
    private final Runner runner;
    private final int maxRuns;

    public Minimizer(Runner runner, int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be >= 1: " + maxRuns);
        }
        this.runner = runner;
        this.maxRuns = maxRuns;
    }

    /**
     * @param result             the smallest failing run found, with its full decision list
     * @param deviations         its deviations: decision number (0-based) to decision
     * @param preemptions        its steps of another vCPU while the current one could step
     * @param delayedCommits     its steps while a store could commit
     * @param originalDeviations how many deviations the input run had
     * @param runs               runs spent (the first replays the input)
     * @param budgetExhausted    {@code maxRuns} ran out before the moves stopped improving the result
     */
    public record Result(RunResult result, NavigableMap<Integer, Decision> deviations, int preemptions,
            int delayedCommits, int originalDeviations, int runs, boolean budgetExhausted) {

        public int deviationCount() {
            return deviations.size();
        }
    }

    /** Thrown inside the search when the budget is spent. */
    private static final class OutOfRuns extends RuntimeException {
        OutOfRuns() {
            super(null, null, false, false);
        }
    }

    /**
     * Minimises {@code failing}. Its decisions are first replayed (to learn which of them are
     * deviations, and what each touched); that replay must fail the same way.
     *
     * @throws IllegalArgumentException when {@code failing} did not fail
     * @throws IllegalStateException    when the replay does not reproduce its outcome kind
     */
    public Result minimize(RunResult failing) {
        if (!failing.outcome().failed()) {
            throw new IllegalArgumentException("the run did not fail: " + failing.outcome());
        }
        Search s = new Search(failing.outcome().kind());
        DeviationTracker replay = new DeviationTracker(ScriptedScheduler.thenDefault(failing.decisions()));
        RunResult r = s.run(replay);
        if (r.outcome().kind() != s.kind) {
            throw new IllegalStateException("replaying the failing run ended " + r.outcome().kind() + " ("
                    + r.outcome().message() + "), not " + s.kind + ": the runner is not deterministic");
        }
        s.accept(r, replay);
        int original = s.best.size();
        boolean exhausted = false;
        try {
            s.minimize();
        } catch (OutOfRuns e) {
            exhausted = true;
        }
        return new Result(s.bestRun, Collections.unmodifiableNavigableMap(s.best), s.bestTracker.preemptions(),
                s.bestTracker.delayedCommits(), original, s.runs, exhausted);
    }

    private final class Search {
        final Outcome.Kind kind;
        int runs;
        TreeMap<Integer, Decision> best;
        RunResult bestRun;
        DeviationTracker bestTracker;

        Search(Outcome.Kind kind) {
            this.kind = kind;
        }

        RunResult run(DeviationTracker t) {
            if (runs >= maxRuns) {
                throw new OutOfRuns();
            }
            runs++;
            return runner.run(t);
        }

        void accept(RunResult r, DeviationTracker t) {
            best = new TreeMap<>(t.deviations());
            bestRun = r;
            bestTracker = t;
        }

        /** Runs under {@code t}; when it fails the same way with fewer deviations, it becomes the best. */
        boolean tryRun(DeviationTracker t) {
            RunResult r;
            try {
                r = run(t);
            } catch (ReplayDivergedException e) {
                return false;
            }
            int n = t.deviations().size();
            if (r.outcome().failed() && r.outcome().kind() == kind && n < best.size()) {
                accept(r, t);
                return true;
            }
            return false;
        }

        boolean test(List<Map.Entry<Integer, Decision>> subset) {
            TreeMap<Integer, Decision> m = new TreeMap<>();
            for (Map.Entry<Integer, Decision> e : subset) {
                m.put(e.getKey(), e.getValue());
            }
            return tryRun(new DeviationTracker(ScriptedScheduler.deviations(m)));
        }

        void minimize() {
            if (best.isEmpty() || test(List.of())) {
                return;
            }
            int before;
            do {
                before = best.size();
                reorder();
                ddmin();
                greedy();
            } while (best.size() < before && best.size() > 1);
            search();
        }

        /**
         * The moves above only ever drop deviations of this one run, and can get stuck where
         * every smaller subset changes the run too much. A bounded exhaustive search from the
         * default schedule, with fewer deviations than the best so far (one more at a time),
         * finds a run that fails the same way with the fewest deviations there are, if the
         * budget lasts.
         */
        void search() {
            for (int bound = 1; bound < best.size(); bound++) {
                Runner counted = sched -> {
                    if (runs >= maxRuns) {
                        throw new OutOfRuns();
                    }
                    runs++;
                    return runner.run(sched);
                };
                DfsExplorer.Result res = new DfsExplorer(counted, bound, 0).explore(Math.max(1, maxRuns - runs),
                        r -> r.outcome().failed() && r.outcome().kind() == kind);
                if (res.found() != null && tryRun(new DeviationTracker(ScriptedScheduler.thenDefault(
                        res.found().decisions())))) {
                    return;
                }
            }
        }

        /** Replays the best run's events in an equivalent order that deviates as little as possible. */
        void reorder() {
            List<Decision> order = reordered(bestTracker.decisions(), bestTracker.footprints());
            if (!order.equals(bestTracker.decisions())) {
                tryRun(new DeviationTracker(ScriptedScheduler.thenDefault(order)));
            }
        }

        void greedy() {
            boolean changed = true;
            while (changed && best.size() > 1) {
                changed = false;
                List<Map.Entry<Integer, Decision>> c = new ArrayList<>(best.entrySet());
                for (int i = 0; i < c.size() && !changed; i++) {
                    List<Map.Entry<Integer, Decision>> without = new ArrayList<>(c);
                    without.remove(i);
                    changed = test(without);
                }
            }
        }

        /** ddmin over the current best set; every success restarts from the run's actual deviations. */
        void ddmin() {
            int n = 2;
            while (best.size() >= 2) {
                List<Map.Entry<Integer, Decision>> c = new ArrayList<>(best.entrySet());
                n = Math.min(n, c.size());
                List<List<Map.Entry<Integer, Decision>>> chunks = split(c, n);
                boolean reduced = false;
                for (List<Map.Entry<Integer, Decision>> chunk : chunks) {
                    if (test(chunk)) {
                        n = 2;
                        reduced = true;
                        break;
                    }
                }
                if (!reduced && n > 2) {
                    for (List<Map.Entry<Integer, Decision>> chunk : chunks) {
                        List<Map.Entry<Integer, Decision>> complement = new ArrayList<>(c);
                        complement.removeAll(chunk);
                        if (test(complement)) {
                            n = Math.max(n - 1, 2);
                            reduced = true;
                            break;
                        }
                    }
                }
                if (!reduced) {
                    if (n >= c.size()) {
                        return;
                    }
                    n = Math.min(2 * n, c.size());
                }
            }
        }
    }

    private static <T> List<List<T>> split(List<T> c, int n) {
        List<List<T>> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = start + (c.size() - start) / (n - i);
            out.add(new ArrayList<>(c.subList(start, end)));
            start = end;
        }
        return out;
    }

    /**
     * The events of a run in another order that should end the same way, choosing at each
     * point as DefaultPolicy would among the events whose predecessors have all been
     * scheduled: a delivery (lowest vCPU), else a commit (lowest vCPU, then sequence), else the
     * current vCPU's step, else the lowest vCPU's step. The last event stays last (it ended
     * the run). Falls back to the original order if the constraints cannot be met.
     * <p>
     * The order kept is finer than {@link ChoiceSet#dependent} in two ways that hold for store
     * buffers, and the result is checked by running it (a wrong guess costs one run):
     * <ul>
     * <li>a store step that a later commit of its vCPU makes visible (same bytes) is ordered
     * with other vCPUs only through that commit; it is scheduled together with it (only once
     * the commit could follow at once), so that no commit waits behind later steps;</li>
     * <li>a step and a commit of the same vCPU are ordered only through the store-commit
     * pairing or an unknown footprint: a store leaves the buffer in the same order whatever
     * else its vCPU does meanwhile, and the vCPU's own reads are forwarded from its buffer.</li>
     * </ul>
     */
    static List<Decision> reordered(List<Decision> decisions, List<Footprint> footprints) {
        int n = decisions.size();
        if (n < 2) {
            return List.copyOf(decisions);
        }
        // Pair buffered store steps with their commits: the oldest unpaired store of the vCPU with the same bytes.
        int[] commitOf = new int[n];
        int[] storeOf = new int[n];
        Arrays.fill(commitOf, -1);
        Arrays.fill(storeOf, -1);
        Map<Integer, List<Integer>> unpaired = new TreeMap<>();
        for (int k = 0; k < n - 1; k++) {
            Footprint f = footprints.get(k);
            if (f.unknown() || !f.write()) {
                continue;
            }
            List<Integer> q = unpaired.computeIfAbsent(f.cpu(), x -> new ArrayList<>());
            if (decisions.get(k).kind() == ChoiceSet.Kind.STEP) {
                q.add(k);
            } else if (decisions.get(k).kind() == ChoiceSet.Kind.COMMIT) {
                for (int j = 0; j < q.size(); j++) {
                    Footprint st = footprints.get(q.get(j));
                    if (st.addr() == f.addr() && st.size() == f.size()) {
                        int store = q.remove(j);
                        commitOf[store] = k;
                        storeOf[k] = store;
                        break;
                    }
                }
            }
        }
        List<Decision> out = schedule(decisions, predecessors(decisions, footprints, commitOf, storeOf, true));
        if (out == null) {
            out = schedule(decisions, predecessors(decisions, footprints, commitOf, storeOf, false));
        }
        return out == null ? List.copyOf(decisions) : out;
    }

    /** For each event but the last, a generating set of the events that must come before it. */
    private static List<TreeSet<Integer>> predecessors(List<Decision> decisions, List<Footprint> footprints,
            int[] commitOf, int[] storeOf, boolean units) {
        int n = decisions.size();
        List<TreeSet<Integer>> preds = new ArrayList<>();
        Map<Integer, Integer> lastStep = new TreeMap<>();
        Map<Integer, Integer> lastCommit = new TreeMap<>();
        int lastUnknown = -1;
        Map<Long, List<Integer>> writes = new HashMap<>();
        Map<Long, List<Integer>> reads = new HashMap<>();
        for (int k = 0; k < n - 1; k++) {
            Footprint f = footprints.get(k);
            boolean commit = decisions.get(k).kind() == ChoiceSet.Kind.COMMIT;
            TreeSet<Integer> p = new TreeSet<>();
            preds.add(p);
            p.add((commit ? lastCommit : lastStep).getOrDefault(f.cpu(), -1));
            p.add(lastUnknown);
            p.add(storeOf[k]);
            if (f.unknown()) {
                p.addAll(lastStep.values());
                p.addAll(lastCommit.values());
            } else if (f.size() > 0 && commitOf[k] < 0) {
                for (long g = f.addr() >>> 3; g <= (f.addr() + f.size() - 1) >>> 3; g++) {
                    long lo = Math.max(f.addr(), g << 3);
                    long len = Math.min(f.addr() + f.size(), (g << 3) + 8) - lo;
                    int stop = -1;
                    List<Integer> w = writes.getOrDefault(g, List.of());
                    for (int j = w.size() - 1; j >= 0; j--) {
                        int e = w.get(j);
                        if (footprints.get(e).overlaps(lo, len) && !ownStepAndCommit(decisions, footprints, e, k)) {
                            p.add(e);
                            if (footprints.get(e).covers(lo, len)) {
                                stop = e;
                                break;
                            }
                        }
                    }
                    List<Integer> r = f.write() ? reads.getOrDefault(g, List.of()) : List.of();
                    for (int j = r.size() - 1; j >= 0 && r.get(j) > stop; j--) {
                        int e = r.get(j);
                        if (footprints.get(e).overlaps(lo, len) && !ownStepAndCommit(decisions, footprints, e, k)) {
                            p.add(e);
                        }
                    }
                    (f.write() ? writes : reads).computeIfAbsent(g, x -> new ArrayList<>()).add(k);
                }
            }
            p.remove(-1);
            (commit ? lastCommit : lastStep).put(f.cpu(), k);
            if (f.unknown()) {
                lastUnknown = k;
            }
        }
        if (units) {
            for (int k = 0; k < n - 1; k++) {
                if (commitOf[k] >= 0) {
                    for (int q : preds.get(commitOf[k])) {
                        if (q != k) {
                            preds.get(k).add(q);
                        }
                    }
                }
            }
        }
        return preds;
    }

    /** A step and a commit of the same vCPU: its reads are forwarded from its own buffer either way. */
    private static boolean ownStepAndCommit(List<Decision> decisions, List<Footprint> footprints, int a, int b) {
        return footprints.get(a).cpu() == footprints.get(b).cpu()
                && (decisions.get(a).kind() == ChoiceSet.Kind.COMMIT) != (decisions.get(b).kind() == ChoiceSet.Kind.COMMIT);
    }

    /** Kahn's algorithm with DefaultPolicy's preferences; null when the constraints are cyclic. */
    private static List<Decision> schedule(List<Decision> decisions, List<TreeSet<Integer>> preds) {
        int n = decisions.size();
        List<List<Integer>> succ = new ArrayList<>();
        int[] indeg = new int[n - 1];
        for (int k = 0; k < n - 1; k++) {
            succ.add(new ArrayList<>());
        }
        for (int k = 0; k < n - 1; k++) {
            for (int q : preds.get(k)) {
                succ.get(q).add(k);
                indeg[k]++;
            }
        }
        TreeSet<Integer> ready = new TreeSet<>();
        for (int k = 0; k < n - 1; k++) {
            if (indeg[k] == 0) {
                ready.add(k);
            }
        }
        List<Decision> out = new ArrayList<>(n);
        int current = -1;
        while (!ready.isEmpty()) {
            int pick = -1;
            for (int k : ready) {
                if (pick < 0 || better(decisions.get(k), decisions.get(pick), current)) {
                    pick = k;
                }
            }
            ready.remove(pick);
            out.add(decisions.get(pick));
            if (decisions.get(pick).kind() == ChoiceSet.Kind.STEP) {
                current = decisions.get(pick).cpu();
            }
            for (int s : succ.get(pick)) {
                if (--indeg[s] == 0) {
                    ready.add(s);
                }
            }
        }
        if (out.size() != n - 1) {
            return null;
        }
        out.add(decisions.get(n - 1));
        return out;
    }

    /** Whether DefaultPolicy would prefer {@code a} to {@code b} (both available). */
    private static boolean better(Decision a, Decision b, int current) {
        int ra = rank(a, current);
        int rb = rank(b, current);
        if (ra != rb) {
            return ra < rb;
        }
        return a.cpu() != b.cpu() ? a.cpu() < b.cpu() : a.arg() < b.arg();
    }

    private static int rank(Decision d, int current) {
        return switch (d.kind()) {
            case DELIVER -> 0;
            case COMMIT -> 1;
            case STEP -> d.cpu() == current ? 2 : 3;
        };
    }
}
