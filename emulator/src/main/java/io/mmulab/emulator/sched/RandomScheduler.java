package io.mmulab.emulator.sched;

import io.mmulab.emulator.sched.ChoiceSet.Kind;

/**
 * The first scheduler. At each decision: with probability {@code commitProbability} one of
 * the possible store commits, likewise one of the possible interrupt deliveries; otherwise a
 * step: the current vCPU goes on unless, with probability {@code switchProbability}, a
 * uniformly chosen runnable vCPU (possibly the same one) takes over.
 */
public final class RandomScheduler implements Scheduler {
    public static final double DEFAULT_COMMIT_PROBABILITY = 0.25;
    public static final double DEFAULT_DELIVER_PROBABILITY = 0.25;

    private final long seed;
    private final double switchProbability;
    private final double commitProbability;
    private final double deliverProbability;
    private final SplitMix64 rng;

    public RandomScheduler(long seed, double switchProbability) {
        this(seed, switchProbability, DEFAULT_COMMIT_PROBABILITY, DEFAULT_DELIVER_PROBABILITY);
    }

    public RandomScheduler(long seed, double switchProbability, double commitProbability, double deliverProbability) {
        check("switch", switchProbability);
        check("commit", commitProbability);
        check("deliver", deliverProbability);
        this.seed = seed;
        this.switchProbability = switchProbability;
        this.commitProbability = commitProbability;
        this.deliverProbability = deliverProbability;
        this.rng = new SplitMix64(seed);
    }

    private static void check(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " probability must be in [0, 1]: " + p);
        }
    }

    @Override
    public int choose(ChoiceSet c) {
        int other = RandomChoices.commitOrDeliver(c, rng, commitProbability, deliverProbability);
        if (other >= 0) {
            return other;
        }
        int steps = c.count(Kind.STEP);
        if (c.currentRunnable() && rng.nextDouble() >= switchProbability) {
            return c.indexOfCurrentStep();
        }
        return c.nth(Kind.STEP, rng.nextInt(steps));
    }

    @Override
    public String describe() {
        return "random(seed=" + seed + ", p=" + switchProbability + ")";
    }
}
