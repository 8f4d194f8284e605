package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.ChoiceSet.Kind;
import io.mmulab.emulator.sched.Scheduler;
import io.mmulab.emulator.sched.SplitMix64;

import java.util.Arrays;

/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS'10).
 * The vCPUs get random distinct priorities {@code d .. d+n-1}; {@code d-1} change points are
 * drawn uniformly (distinct) from the steps {@code 1..k}; the highest-priority runnable vCPU
 * always steps, and after it made a step that is a change point it drops below every
 * priority given so far ({@code d-1} at the first change point in time, then {@code d-2}, ...).
 * A bug of depth {@code d} is then found by one run with probability at least
 * {@code 1/(n k^(d-1))}.
 * <p>
 * Only STEP decisions count as steps. Store commits and interrupt deliveries are not
 * scheduled by priority: when one is possible it is taken with a fixed probability (one of
 * them uniformly), and when no vCPU can step one of them must be taken. Except: when the
 * highest-priority vCPU cannot step because it waits for its own stores to commit (a barrier,
 * an atomic), half of the runs (by seed) commit its stores first, so a change point's stopped
 * vCPU stays stopped; the other half stall it, stores buffered, while the others run (until
 * nothing else can move). {@code k} should be
 * the number of STEP decisions of a typical run: see {@link #expectedStepsFrom(RunResult)}.
 */
public final class PctScheduler implements Scheduler {
    public static final double DEFAULT_COMMIT_PROBABILITY = 0.25;
    public static final double DEFAULT_DELIVER_PROBABILITY = 0.25;


    private final long seed;
    private final int depth;
    private final long expectedSteps;
    private final double commitProbability;
    private final double deliverProbability;
    private final SplitMix64 rng;
    /**
     * Half of the runs (by seed) drain a blocked highest-priority vCPU first; the others stall
     * it, its stores buffered, while lower-priority vCPUs run, which is how store buffering
     * shows: a vCPU stalled at its barrier while another's load passes its buffered store.
     */
    private final boolean drainFirst;
    private final long[] priority;
    /** Change points in increasing step order (1-based step numbers). */
    private final long[] changeAt;
    private int nextChange;
    private long steps;

    public PctScheduler(long seed, int depth, int vcpus, long expectedSteps) {
        this(seed, depth, vcpus, expectedSteps, DEFAULT_COMMIT_PROBABILITY, DEFAULT_DELIVER_PROBABILITY);
    }

    public PctScheduler(long seed, int depth, int vcpus, long expectedSteps, double commitProbability,
            double deliverProbability) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1: " + depth);
        }
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1: " + vcpus);
        }
        check("commit", commitProbability);
        check("deliver", deliverProbability);
        this.seed = seed;
        this.depth = depth;
        this.expectedSteps = Math.max(1, expectedSteps);
        this.commitProbability = commitProbability;
        this.deliverProbability = deliverProbability;
        this.rng = new SplitMix64(seed);
        this.drainFirst = (new SplitMix64(seed ^ 0x6a09e667f3bcc909L).nextLong() & 1) != 0;
        // Random distinct initial priorities d .. d+n-1 (Fisher-Yates).
        int[] perm = new int[vcpus];
        for (int i = 0; i < vcpus; i++) {
            perm[i] = i;
        }
        for (int i = vcpus - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        this.priority = new long[vcpus];
        for (int c = 0; c < vcpus; c++) {
            priority[c] = depth + perm[c];
        }
        // d-1 distinct change points in 1..k (fewer when k is smaller than that).
        int m = (int) Math.min(depth - 1, this.expectedSteps);
        long[] points = new long[m];
        for (int i = 0; i < m; i++) {
            long v;
            boolean fresh;
            do {
                v = 1 + Long.remainderUnsigned(rng.nextLong(), this.expectedSteps);
                fresh = true;
                for (int j = 0; j < i; j++) {
                    fresh &= points[j] != v;
                }
            } while (!fresh);
            points[i] = v;
        }
        Arrays.sort(points);
        this.changeAt = points;
    }

    private static void check(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " probability must be in [0, 1]: " + p);
        }
    }

    /** {@code k} for a run that is expected to be like one that made {@code previousRunSteps} steps. */
    public static long expectedStepsFrom(long previousRunSteps) {
        return Math.max(1, previousRunSteps);
    }

    /** {@code k} from a calibration run: the number of STEP decisions it made (at least 1). */
    public static long expectedStepsFrom(RunResult calibration) {
        long n = 0;
        for (Decision d : calibration.decisions()) {
            n += d.kind() == Kind.STEP ? 1 : 0;
        }
        return Math.max(1, n);
    }

    @Override
    public int choose(ChoiceSet c) {
        int best = -1;
        long bestPriority = Long.MIN_VALUE;
        int drain = -1;
        long drainPriority = Long.MIN_VALUE;
        for (int i = 0; i < c.size(); i++) {
            int cpu = c.cpu(i);
            if (cpu < 0 || cpu >= priority.length) {
                if (c.kind(i) == Kind.STEP) {
                    throw new IllegalArgumentException("vCPU " + cpu + " outside 0.." + (priority.length - 1)
                            + ": construct PctScheduler with the machine's vCPU count");
                }
                continue;
            }
            if (c.kind(i) == Kind.COMMIT && (drain < 0 || priority[cpu] > drainPriority)) {
                drainPriority = priority[cpu];
                drain = i;
            }
            if (c.kind(i) == Kind.STEP && priority[cpu] > bestPriority) {
                bestPriority = priority[cpu];
                best = i;
            }
        }
        // The highest-priority vCPU cannot step until its own stores commit (a barrier or an
        // atomic waits for its buffer).
        boolean topBlocked = drain >= 0 && drainPriority > bestPriority;
        if (topBlocked && drainFirst) {
            // Drain it rather than run a lower-priority vCPU, which would move that one out of
            // the window a change point stopped it in.
            return drain;
        }
        if (topBlocked) {
            // Stall it: its stores stay buffered while the others go on, which is how store
            // buffering shows (another vCPU's load passes the stalled store).
            if (best >= 0) {
                return step(c, best);
            }
            int stalled = c.cpu(drain);
            int other = -1;
            for (int i = 0; i < c.size(); i++) {
                int cpu = c.cpu(i);
                if (c.kind(i) == Kind.COMMIT && cpu != stalled && cpu >= 0 && cpu < priority.length
                        && (other < 0 || priority[cpu] > priority[c.cpu(other)])) {
                    other = i;
                }
            }
            if (other >= 0) {
                return other;
            }
        }
        int other = io.mmulab.emulator.sched.RandomChoices.commitOrDeliver(c, rng, commitProbability,
                deliverProbability);
        if (other >= 0) {
            return other;
        }
        return step(c, best);
    }

    private int step(ChoiceSet c, int best) {
        steps++;
        if (nextChange < changeAt.length && changeAt[nextChange] == steps) {
            // This step is a change point: afterwards its vCPU has the lowest priority so far.
            priority[c.cpu(best)] = depth - 1 - nextChange;
            nextChange++;
        }
        return best;
    }

    /** Steps (STEP decisions) made so far. */
    public long steps() {
        return steps;
    }

    /** The change points, 1-based step numbers in increasing order. */
    public long[] changePoints() {
        return changeAt.clone();
    }

    @Override
    public String describe() {
        return "pct(seed=" + seed + ", depth=" + depth + ")";
    }
}
