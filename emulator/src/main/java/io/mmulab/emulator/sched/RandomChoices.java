package io.mmulab.emulator.sched;

import io.mmulab.emulator.sched.ChoiceSet.Kind;

/**
 * The part of a randomised scheduler that is not about vCPU priorities: with fixed
 * probabilities, a random commit or a random interrupt delivery, and one of them for sure
 * when no vCPU can step.
 */
public final class RandomChoices {
    private RandomChoices() {
    }

    /** The chosen commit or delivery, or -1 when a step is to be chosen (at least one exists then). */
    public static int commitOrDeliver(ChoiceSet c, SplitMix64 rng, double commitProbability, double deliverProbability) {
        int commits = c.count(Kind.COMMIT);
        int delivers = c.count(Kind.DELIVER);
        boolean forced = c.count(Kind.STEP) == 0;
        if (commits > 0 && (forced && delivers == 0 || rng.nextDouble() < commitProbability)) {
            return c.nth(Kind.COMMIT, rng.nextInt(commits));
        }
        if (delivers > 0 && (forced || rng.nextDouble() < deliverProbability)) {
            return c.nth(Kind.DELIVER, rng.nextInt(delivers));
        }
        if (forced) {
            return c.nth(Kind.COMMIT, rng.nextInt(commits));
        }
        return -1;
    }
}
