package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;

/**
 * The choice a run makes when nobody asks for anything else: take a deliverable interrupt at
 * once (the lowest vCPU), else commit the first committable store (so buffers drain eagerly,
 * the sc-like default), else let the current vCPU go on, else the lowest runnable vCPU.
 * Every other choice is a deviation; exhaustive search bounds and minimisation count those.
 */
public final class DefaultPolicy {
    private DefaultPolicy() {
    }

    public static int choose(ChoiceSet c) {
        int deliver = c.nth(ChoiceSet.Kind.DELIVER, 0);
        if (deliver >= 0) {
            return deliver;
        }
        int commit = c.nth(ChoiceSet.Kind.COMMIT, 0);
        if (commit >= 0) {
            return commit;
        }
        int current = c.indexOfCurrentStep();
        return current >= 0 ? current : c.nth(ChoiceSet.Kind.STEP, 0);
    }
}
