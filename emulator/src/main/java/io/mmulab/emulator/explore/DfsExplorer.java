package io.mmulab.emulator.explore;

import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.Scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Bounded exhaustive search over the decisions of a scenario, stateless: every run starts
 * from the checkpoint, replays a prefix of decisions, then follows {@link DefaultPolicy},
 * and the options of every decision point it meets are recorded. Backtracking picks the
 * deepest point with an option still to try. Options at a point are explored in DFS order,
 * the DefaultPolicy choice first, so runs with few deviations come first.
 *
 * <h2>Bounds</h2>
 * A <em>deviation</em> is a choice other than DefaultPolicy's. A run may contain at most
 * {@code deviationBound} deviations, and may deviate only at the first {@code depthBound}
 * decision points (later ones follow DefaultPolicy). With deviation bound 0 there is exactly
 * one run, the default one. {@link #UNBOUNDED} lifts a bound; so does a depth bound of 0.
 *
 * <h2>Reduction</h2>
 * {@link Reduction#DPOR} (the default): dynamic partial-order reduction (Flanagan and
 * Godefroid, POPL'05) in its source-set form (Abdulla, Aronis, Jonsson, Sagonas, POPL'14),
 * with sleep sets (Godefroid, LNCS 1032). {@link Reduction#SLEEP_SETS}:
 * sleep sets only, every option of a point is a candidate. {@link Reduction#NONE}: every
 * interleaving. Options are identified across runs by {@link Decision} (kind, vCPU, arg), and
 * what they touch by the {@link Footprint} recorded at the point where they were offered.
 * <p>
 * <b>Why the reduction is sound here.</b> A run is a deterministic function of the decision
 * list (the machine restarts from one checkpoint and has no other nondeterminism), so each
 * decision is a transition of a deterministic transition system. Two options at a point that
 * are independent per {@link ChoiceSet#dependent} belong to different vCPUs and touch disjoint
 * bytes (or only read common ones); each vCPU's private state (registers, TLB, store buffer)
 * is changed only by its own options, so executing them in either order reaches the same
 * state. That is the independence relation both theorems need, given what the machine
 * promises: (1) a footprint covers everything the option does that another vCPU can see (an
 * unknown footprint is dependent with everything); (2) executing an option neither disables
 * nor changes the footprint of an independent option (the options of one vCPU change only
 * when that vCPU, or something dependent with it, runs). Under these, runs that differ only by
 * swapping adjacent independent options (Mazurkiewicz-equivalent) end in the same state, so
 * the same outcome. Sleep sets skip an option whose every continuation is equivalent to one
 * already explored; DPOR explores at each point only options that are needed to reverse a
 * race (a pair of dependent events with nothing ordering them in between) seen in some run,
 * and Abdulla et al. show that, with backtrack points chosen among the initials of what
 * must run first (source sets), this together with sleep sets still reaches every
 * equivalence class of terminating runs. (Flanagan and Godefroid's own choice of backtrack
 * point is not enough once sleep sets prune: DfsExplorerTest has a three-thread
 * counterexample.) Two details
 * are specific to stateless runs of a machine: the option that ends a run ends it for all
 * vCPUs, so it is treated as dependent with everything that was still possible (every option
 * of a run's last point is a candidate); and happens-before is tracked with vector clocks per
 * vCPU (options of one vCPU are always dependent), where an option that appeared right after
 * an event of its own vCPU (a commit after its store, a step after an interrupt entry) is
 * ordered after that event.
 * <p>
 * <b>Bounds and reduction.</b> Naively combined, bounding and partial-order reduction are
 * unsound: the explored representative of a class can need more deviations than the pruned
 * member that was within the bound (Coons, Musuvathi, McKinley, OOPSLA'13). So the reduction
 * is only relied on where the bounds did not interfere: an option explored at a point goes
 * into the sleep sets of its later siblings only if nothing below it was cut off by a bound,
 * and a point below which something was cut off ("incomplete") falls back from DPOR's
 * candidates to all its options. Hence the runs explored with reduction find the same
 * outcomes as the unreduced search with the same bounds, and {@link Result#complete()} says
 * whether no bound cut anything off at all.
 * <p>
 * Cost per run: about linear in its number of decisions (times options and vCPUs), using
 * indexes by vCPU, by 8-byte granule and by decision, plus for each race a scan of the
 * events after the racing one. Tested against brute-force enumeration on thousands of random
 * programs (with and without store buffers, at deviation bounds 0 to 3 and unbounded).
 * <p>
 * Under store buffers much of the space is commits racing with later steps of their own
 * vCPU: {@link ChoiceSet#dependent} makes any two options of one vCPU dependent. Unbounded
 * search is for litmus-sized programs; use a deviation bound otherwise.
 */
public final class DfsExplorer {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public enum Reduction { NONE, SLEEP_SETS, DPOR }

    private final Runner runner;
    private final int deviationBound;
    private final int depthBound;
    private final Reduction reduction;

    /**
     * @param deviationBound the most deviations a run may have ({@link #UNBOUNDED}: any)
     * @param depthBound     deviations only at decision points {@code 0 .. depthBound-1}
     *                       (0 or {@link #UNBOUNDED}: anywhere)
     */
    public DfsExplorer(Runner runner, int deviationBound, int depthBound) {
        this(runner, deviationBound, depthBound, Reduction.DPOR);
    }

    public DfsExplorer(Runner runner, int deviationBound, int depthBound, Reduction reduction) {
        if (deviationBound < 0 || depthBound < 0) {
            throw new IllegalArgumentException("bounds must be >= 0: " + deviationBound + ", " + depthBound);
        }
        this.runner = runner;
        this.deviationBound = deviationBound;
        this.depthBound = depthBound == 0 ? UNBOUNDED : depthBound;
        this.reduction = reduction;
    }

    /**
     * What a search did.
     *
     * @param runs            runs executed
     * @param exhausted       every run within the bounds was explored (not stopped by the
     *                        predicate or by {@code maxRuns} while something remained)
     * @param boundsReached   a bound cut off some run the search would otherwise have made
     * @param found           the run that satisfied the stop predicate (the last run), or null
     * @param firstFailed     the first run that {@link RunResult#failed() failed}, or null
     * @param firstFailedRun  its index (0-based), or -1
     * @param outcomes        each distinct outcome with the first run that reached it, in order found
     * @param redundantRuns   runs whose tail was redundant (every option asleep at some point)
     */
    public record Result(int runs, boolean exhausted, boolean boundsReached, RunResult found,
            RunResult firstFailed, long firstFailedRun, Map<Outcome, RunResult> outcomes, int redundantRuns) {

        public int distinctOutcomes() {
            return outcomes.size();
        }

        /** Exhausted and nothing cut off by a bound: every reachable outcome was seen. */
        public boolean complete() {
            return exhausted && !boundsReached;
        }

        /** The first run that failed, whether or not the stop predicate took it. */
        public Optional<RunResult> firstFailure() {
            return Optional.ofNullable(firstFailed);
        }

        /** The index (0-based) of {@link #firstFailure()}, or -1. */
        public long firstFailureRun() {
            return firstFailedRun;
        }
    }

    /** Explores until the space within the bounds is exhausted, {@code maxRuns} runs, or a run satisfies {@code stop}. */
    public Result explore(int maxRuns, Predicate<RunResult> stop) {
        return new Search().explore(maxRuns, stop);
    }

    /** {@link #explore(int, Predicate)} stopping at the first failing run. */
    public Result explore(int maxRuns) {
        return explore(maxRuns, RunResult::failed);
    }

    @Override
    public String toString() {
        return "dfs(deviations<=" + bound(deviationBound) + ", depth<=" + bound(depthBound) + ", "
                + reduction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    private static String bound(int b) {
        return b == UNBOUNDED ? "inf" : Integer.toString(b);
    }

    /** An option asleep at a point: it was explored (or asleep) earlier with this footprint. */
    private record Sleeper(Decision key, Footprint fp) {
    }

    private static final Sleeper[] NO_SLEEPERS = new Sleeper[0];

    /** One decision point on the current path, with its exploration state. */
    private static final class Node {
        final int depth;
        final Decision[] keys;
        final Footprint[] fps;
        final int defaultIdx;
        final int devBefore;
        final Sleeper[] sleep;
        final BitSet asleep = new BitSet();
        final BitSet done = new BitSet();
        final BitSet backtrack = new BitSet();
        /** Done options whose subtree no bound cut: they may put later siblings' options to sleep. */
        final BitSet sleepable = new BitSet();
        /** Options that, when run from here, touched more than their offered footprint. */
        final BitSet widened = new BitSet();
        /** Flags options added to their footprint when run from here (a page-table walk). */
        int[] extraFlags;
        int chosen = -1;
        /** Every option was asleep: the rest of the run was redundant and is not recorded. */
        boolean blocked;
        /** A bound cut off something at or below this point. */
        boolean incomplete;
        /** Vector clock (by vCPU) of the event chosen here, for DPOR. */
        int[] clock;
        /** Per option: the event after which it appeared (see {@link Search#computeEnablers}), or -1. */
        int[] enabler;

        Node(ChoiceSet c, int depth, int devBefore, Sleeper[] sleep) {
            int n = c.size();
            this.depth = depth;
            this.devBefore = devBefore;
            this.keys = new Decision[n];
            this.fps = new Footprint[n];
            for (int i = 0; i < n; i++) {
                keys[i] = Decision.of(c, i);
                fps[i] = Footprint.of(c, i);
            }
            this.defaultIdx = DefaultPolicy.choose(c);
            this.sleep = sleep;
            for (Sleeper s : sleep) {
                asleep.set(indexOf(s.key()));
            }
        }

        int size() {
            return keys.length;
        }

        int indexOf(Decision key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        boolean sameAs(ChoiceSet c) {
            if (c.size() != keys.length || DefaultPolicy.choose(c) != defaultIdx) {
                return false;
            }
            for (int i = 0; i < keys.length; i++) {
                if (!keys[i].equals(Decision.of(c, i)) || !fps[i].equals(Footprint.of(c, i))) {
                    return false;
                }
            }
            return true;
        }

        Footprint event() {
            return executed(chosen);
        }

        /** Option {@code q}'s footprint as it ran from here: unknown when it turned out wider than offered. */
        Footprint executed(int q) {
            Footprint f = fps[q];
            if (widened.get(q)) {
                return new Footprint(f.cpu(), ChoiceSet.UNKNOWN, 0, true);
            }
            return extraFlags == null ? f : f.with(extraFlags[q]);
        }

        String describe() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < keys.length; i++) {
                b.append(i > 0 ? ", " : "").append(keys[i]).append(" (").append(fps[i]).append(')');
            }
            return b.append(']').toString();
        }
    }

    /** A growable list of ints (event indices, increasing). */
    private static final class IntList {
        int[] a = new int[4];
        int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int last() {
            return n == 0 ? -1 : a[n - 1];
        }

        /** The first element greater than {@code v}, or -1. */
        int firstAfter(int v) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < n ? a[lo] : -1;
        }
    }

    private final class Search {
        final List<Node> path = new ArrayList<>();
        final Map<Outcome, RunResult> outcomes = new LinkedHashMap<>();
        final boolean useSleep = reduction != Reduction.NONE;
        /** Nodes [0, prefix) are replayed by the next run. */
        int prefix;
        int runs;
        int redundant;
        boolean cut;

        Result explore(int maxRuns, Predicate<RunResult> stop) {
            RunResult found = null;
            RunResult firstFailed = null;
            long firstFailedRun = -1;
            boolean more = true;
            while (more && runs < maxRuns) {
                Recorder rec = new Recorder();
                RunResult r = runner.run(rec);
                runs++;
                if (firstFailed == null && r.failed()) {
                    firstFailed = r;
                    firstFailedRun = runs - 1;
                }
                rec.check();
                if (!path.isEmpty() && !path.getLast().blocked) {
                    // Nothing told us what the last step touched (the run ended in it): assume everything.
                    path.getLast().widened.set(path.getLast().chosen);
                }
                redundant += rec.blocked ? 1 : 0;
                outcomes.putIfAbsent(r.outcome(), r);
                if (reduction == Reduction.DPOR && !path.isEmpty()) {
                    analyze(rec.firstNew);
                }
                more = advance();
                if (stop != null && stop.test(r)) {
                    found = r;
                    break;
                }
            }
            return new Result(runs, !more, cut, found, firstFailed, firstFailedRun,
                    Collections.unmodifiableMap(outcomes), redundant);
        }

        boolean inBounds(Node node, int q) {
            return q == node.defaultIdx || node.depth < depthBound && node.devBefore < deviationBound;
        }

        /** A bound cut something off at {@code node}: it and all its ancestors are incomplete. */
        void cutAt(Node node) {
            cut = true;
            for (int j = node.depth; j >= 0 && !path.get(j).incomplete; j--) {
                path.get(j).incomplete = true;
            }
        }

        /** Records the decision points of one run, replaying the current prefix first. */
        final class Recorder implements Scheduler {
            final int firstNew = prefix;
            int position;
            boolean recording = true;
            boolean blocked;
            String error;

            @Override
            public int choose(ChoiceSet c) {
                int n = position++;
                if (n > 0 && n <= path.size() && (c.previousWidened() || c.previousFlags() != 0)) {
                    Node prev = path.get(n - 1);
                    if (prev.chosen >= 0) {
                        if (c.previousWidened()) {
                            prev.widened.set(prev.chosen);
                        } else {
                            if (prev.extraFlags == null) {
                                prev.extraFlags = new int[prev.size()];
                            }
                            prev.extraFlags[prev.chosen] |= c.previousFlags();
                        }
                    }
                }
                if (n < firstNew) {
                    Node node = path.get(n);
                    if (!node.sameAs(c)) {
                        error = "the runner is not deterministic: at decision " + n + " an earlier run was offered "
                                + node.describe() + ", this one " + c;
                        throw new IllegalStateException(error);
                    }
                    return node.chosen;
                }
                if (!recording) {
                    return DefaultPolicy.choose(c);
                }
                Node parent = n == 0 ? null : path.get(n - 1);
                int devBefore = parent == null ? 0
                        : parent.devBefore + (parent.chosen != parent.defaultIdx ? 1 : 0);
                Node node = new Node(c, n, devBefore, useSleep ? childSleep(parent, c) : NO_SLEEPERS);
                path.add(node);
                int q = initialChoice(node);
                if (q < 0) {
                    node.blocked = true;
                    recording = false;
                    blocked = true;
                    return DefaultPolicy.choose(c);
                }
                node.chosen = q;
                node.done.set(q);
                node.backtrack.set(q);
                return q;
            }

            void check() {
                if (error != null) {
                    throw new IllegalStateException(error);
                }
                if (position < firstNew) {
                    throw new IllegalStateException("the runner is not deterministic: a run ended after " + position
                            + " decisions where an earlier run with the same decisions went on");
                }
            }

            @Override
            public String describe() {
                return DfsExplorer.this.toString();
            }
        }

        /**
         * The sleep set after {@code parent}'s chosen option: what slept at the parent or was
         * fully explored there before, minus what the chosen option is dependent with, minus
         * what is not offered here with the same footprint (conservatively woken).
         */
        Sleeper[] childSleep(Node parent, ChoiceSet c) {
            if (parent == null) {
                return NO_SLEEPERS;
            }
            Footprint t = parent.event();
            List<Sleeper> candidates = new ArrayList<>();
            for (Sleeper s : parent.sleep) {
                candidates.add(s);
            }
            for (int q = parent.sleepable.nextSetBit(0); q >= 0; q = parent.sleepable.nextSetBit(q + 1)) {
                if (q != parent.chosen) {
                    candidates.add(new Sleeper(parent.keys[q], parent.executed(q)));
                }
            }
            List<Sleeper> out = new ArrayList<>();
            for (Sleeper s : candidates) {
                if (s.fp().dependent(t)) {
                    continue;
                }
                int i = s.key().indexIn(c);
                if (i >= 0 && Footprint.of(c, i).equals(s.fp())) {
                    out.add(s);
                }
            }
            return out.isEmpty() ? NO_SLEEPERS : out.toArray(NO_SLEEPERS);
        }

        /** The first choice at a new point: DefaultPolicy's unless asleep; -1 when blocked. */
        int initialChoice(Node node) {
            if (!node.asleep.get(node.defaultIdx)) {
                return node.defaultIdx;
            }
            for (int q = 0; q < node.size(); q++) {
                if (!node.asleep.get(q)) {
                    if (inBounds(node, q)) {
                        return q;
                    }
                    cutAt(node);
                    return -1;
                }
            }
            return -1;
        }

        /** Moves to the next run: the deepest point with a candidate left. False when none is left. */
        boolean advance() {
            boolean childIncomplete = false;
            while (!path.isEmpty()) {
                Node node = path.getLast();
                if (!node.blocked) {
                    if (useSleep && !childIncomplete) {
                        node.sleepable.set(node.chosen);
                    }
                    int q = nextAlternative(node);
                    if (q >= 0) {
                        node.chosen = q;
                        node.done.set(q);
                        node.backtrack.set(q);
                        prefix = path.size();
                        return true;
                    }
                }
                childIncomplete = node.incomplete;
                path.removeLast();
            }
            prefix = 0;
            return false;
        }

        int nextAlternative(Node node) {
            while (true) {
                boolean dpor = reduction == Reduction.DPOR && !node.incomplete;
                BitSet cand;
                if (dpor) {
                    cand = (BitSet) node.backtrack.clone();
                } else {
                    cand = new BitSet();
                    cand.set(0, node.size());
                }
                cand.andNot(node.done);
                if (useSleep) {
                    cand.andNot(node.asleep);
                }
                int pick = -1;
                for (int q = cand.nextSetBit(0); q >= 0; q = cand.nextSetBit(q + 1)) {
                    if (inBounds(node, q)) {
                        pick = pick < 0 ? q : pick;
                    } else {
                        cutAt(node);
                    }
                }
                if (pick >= 0 || !dpor || !node.incomplete) {
                    return pick;
                }
                // Just became incomplete: every option is a candidate now.
            }
        }

        // ---------------------------------------------------------------- DPOR

        int cpuOf(int event) {
            return path.get(event).event().cpu();
        }

        Footprint fpOf(int event) {
            return path.get(event).event();
        }

        /** Clocks of the new events, enablers and race detection for the new points of the last run. */
        void analyze(int firstNew) {
            int width = 1;
            for (Node node : path) {
                for (Footprint f : node.fps) {
                    width = Math.max(width, f.cpu() + 1);
                }
            }
            Index ix = new Index(width, path.size());
            int n = path.size();
            for (int k = 0; k < n; k++) {
                Node node = path.get(k);
                if (k >= firstNew) {
                    computeEnablers(k);
                    detectRaces(k, ix);
                }
                if (node.blocked) {
                    break;
                }
                if (k >= firstNew - 1) {
                    node.clock = ix.clockFor(k, node.event());
                }
                ix.add(k, node);
            }
            // The run ended after its last event, for every vCPU: that is dependent with each
            // option still possible there, so each of them is a candidate at the last point.
            Node last = path.getLast();
            if (!last.blocked) {
                last.backtrack.set(0, last.size());
            }
        }

        /**
         * For each option at point {@code k}, the event after which it appeared: if the same
         * option (same decision, same footprint) was offered at {@code k-1} and not taken, the
         * same as there; otherwise event {@code k-1} (which enabled or changed it).
         */
        void computeEnablers(int k) {
            Node node = path.get(k);
            node.enabler = new int[node.size()];
            if (k == 0) {
                Arrays.fill(node.enabler, -1);
                return;
            }
            Node prev = path.get(k - 1);
            for (int o = 0; o < node.size(); o++) {
                int i = prev.indexOf(node.keys[o]);
                node.enabler[o] = i >= 0 && i != prev.chosen && prev.fps[i].equals(node.fps[o])
                        ? prev.enabler[i] : k - 1;
            }
        }

        /**
         * The events an option can never be moved before: its own earlier events (same
         * decision) and the event after which it appeared on its own vCPU, with their causal
         * pasts. Two vector clocks; either may be null.
         */
        final class Past {
            final int[] a;
            final int[] b;

            Past(int[] a, int[] b) {
                this.a = a;
                this.b = b;
            }

            boolean before(int event) {
                int c = cpuOf(event);
                return get(a, c) >= event || get(b, c) >= event;
            }
        }

        static int get(int[] clock, int cpu) {
            return clock == null || cpu >= clock.length ? -1 : clock[cpu];
        }

        /**
         * Race detection at point {@code n} (source-DPOR, Abdulla, Aronis, Jonsson, Sagonas,
         * POPL'14): for every option p offered there, let P be the events that would happen
         * before p if it ran now (those dependent with it, its non-reversible past, and their
         * causal pasts). Each maximal event e of P that is dependent with p and could have been
         * reordered with it is a race; to reverse it, at e's point one of the initials of
         * {@code notdep(e).p} (the events after e that do not depend on e, then p) must be
         * tried. Unlike Flanagan and Godefroid's choice, this is sound together with sleep sets.
         * Analysing every option offered, not only the one taken, and every point of a run
         * (also one where all options sleep), only adds candidates.
         */
        void detectRaces(int n, Index ix) {
            Node node = path.get(n);
            for (int o = 0; o < node.size(); o++) {
                Decision key = node.keys[o];
                Footprint p = node.fps[o];
                IntList sameKey = ix.byKey.get(key);
                int last = sameKey == null ? -1 : sameKey.last();
                int en = node.enabler[o];
                if (en >= 0 && cpuOf(en) != p.cpu()) {
                    en = -1; // appeared after another vCPU's event: not assumed to be caused by it
                }
                Past past = new Past(last >= 0 ? path.get(last).clock : null, en >= 0 ? path.get(en).clock : null);
                int[] pc = ix.joinDependent(p);
                ix.join(pc, last);
                ix.join(pc, en);
                // Candidates: the last event of P on each vCPU; a race if maximal, dependent, reversible.
                for (int c = 0; c < pc.length; c++) {
                    int i = pc[c];
                    if (i < 0 || past.before(i) || !fpOf(i).dependent(p)) {
                        continue;
                    }
                    boolean maximal = true;
                    for (int d = 0; d < pc.length && maximal; d++) {
                        maximal = d == c || pc[d] < 0 || get(path.get(pc[d]).clock, c) < i;
                    }
                    if (maximal) {
                        addBacktrack(i, n, key, pc, ix);
                    }
                }
            }
        }

        /**
         * Race between event {@code i} and option {@code key} offered at point {@code n}
         * ({@code pc}: the clock of what happens before it): unless an initial of
         * {@code notdep(i).key} is already a candidate at point {@code i}, add one (the
         * DefaultPolicy choice if it is one); if no initial is offered there, add every option.
         */
        void addBacktrack(int i, int n, Decision key, int[] pc, Index ix) {
            Node ni = path.get(i);
            int ci = cpuOf(i);
            int pick = -1;
            boolean keyBlocked = false;
            boolean unknownInitial = false;
            for (int k = i + 1; k < n; k++) {
                int[] ck = path.get(k).clock;
                if (get(ck, ci) >= i) {
                    continue; // happens after i: not in notdep(i)
                }
                int ckpu = cpuOf(k);
                keyBlocked |= k <= get(pc, ckpu);
                boolean initial = ix.prevCpu[k] <= i;
                for (int c = 0; c < ck.length && initial; c++) {
                    initial = c == ckpu || ck[c] <= i;
                }
                if (!initial) {
                    continue;
                }
                int q = ni.indexOf(path.get(k).keys[path.get(k).chosen]);
                if (q < 0) {
                    unknownInitial = true;
                } else if (ni.backtrack.get(q)) {
                    return;
                } else if (pick < 0 || q == ni.defaultIdx) {
                    pick = q;
                }
            }
            if (!keyBlocked) {
                int q = ni.indexOf(key);
                if (q < 0) {
                    unknownInitial = true;
                } else if (ni.backtrack.get(q)) {
                    return;
                } else if (pick < 0 || q == ni.defaultIdx) {
                    pick = q;
                }
            }
            // notdep(i).key is never empty, so it has an initial; if none is offered at i
            // (an option's identity changed), be conservative.
            if (pick >= 0 && !unknownInitial) {
                ni.backtrack.set(pick);
            } else {
                ni.backtrack.set(0, ni.size());
            }
        }

        /** Indexes of the events of the current run up to the point being analysed. */
        final class Index {
            final int width;
            final IntList[] byCpu;
            final IntList unknown = new IntList();
            final Map<Long, IntList> writes = new HashMap<>();
            final Map<Long, IntList> reads = new HashMap<>();
            final Map<Decision, IntList> byKey = new HashMap<>();
            /** For each indexed event, the previous event of its vCPU (-1 if none). */
            final int[] prevCpu;

            Index(int width, int events) {
                this.width = width;
                this.byCpu = new IntList[width];
                for (int c = 0; c < width; c++) {
                    byCpu[c] = new IntList();
                }
                this.prevCpu = new int[events];
            }

            void add(int k, Node node) {
                Footprint f = node.event();
                prevCpu[k] = byCpu[f.cpu()].last();
                byCpu[f.cpu()].add(k);
                byKey.computeIfAbsent(node.keys[node.chosen], x -> new IntList()).add(k);
                if (f.unknown()) {
                    unknown.add(k);
                } else if (f.size() > 0) {
                    Map<Long, IntList> m = f.write() ? writes : reads;
                    for (long g = f.addr() >>> 3; g <= (f.addr() + f.size() - 1) >>> 3; g++) {
                        m.computeIfAbsent(g, x -> new IntList()).add(k);
                    }
                }
            }

            /** The vector clock of event {@code k} with footprint {@code f}. */
            int[] clockFor(int k, Footprint f) {
                int[] clock = joinDependent(f);
                clock[f.cpu()] = k;
                return clock;
            }

            /**
             * The join of the clocks of the indexed events dependent with {@code f}: by vCPU
             * the last event that happens before something with footprint {@code f} placed next.
             * Uses that the events of one vCPU, the unknown ones, and the writes covering a
             * range with everything overlapping it before, are each totally ordered.
             */
            int[] joinDependent(Footprint f) {
                int[] clock = new int[width];
                Arrays.fill(clock, -1);
                join(clock, byCpu[f.cpu()].last());
                join(clock, unknown.last());
                if (f.unknown()) {
                    for (IntList l : byCpu) {
                        join(clock, l.last());
                    }
                } else if (f.size() > 0) {
                    for (long g = f.addr() >>> 3; g <= (f.addr() + f.size() - 1) >>> 3; g++) {
                        long lo = Math.max(f.addr(), g << 3);
                        long len = Math.min(f.addr() + f.size(), (g << 3) + 8) - lo;
                        int stop = -1;
                        IntList w = writes.get(g);
                        for (int j = w == null ? -1 : w.n - 1; j >= 0; j--) {
                            Footprint e = fpOf(w.a[j]);
                            if (e.overlaps(lo, len)) {
                                join(clock, w.a[j]);
                                if (e.covers(lo, len)) {
                                    stop = w.a[j];
                                    break;
                                }
                            }
                        }
                        IntList r = f.write() ? reads.get(g) : null;
                        for (int j = r == null ? -1 : r.n - 1; j >= 0 && r.a[j] > stop; j--) {
                            if (fpOf(r.a[j]).overlaps(lo, len)) {
                                join(clock, r.a[j]);
                            }
                        }
                    }
                }
                return clock;
            }

            void join(int[] clock, int event) {
                if (event < 0 || clock[cpuOf(event)] >= event) {
                    return; // none, or already in the past (so is all of its past)
                }
                int[] other = path.get(event).clock;
                for (int c = 0; c < other.length; c++) {
                    clock[c] = Math.max(clock[c], other[c]);
                }
            }
        }
    }
}
