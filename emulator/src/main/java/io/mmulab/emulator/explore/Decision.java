package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;

/**
 * One decision as a run made it, by meaning rather than by position in the option list:
 * which vCPU stepped, which store (by its sequence number) committed, which vCPU took an
 * interrupt. A list of these, from the checkpoint on, replays a run exactly.
 */
public record Decision(ChoiceSet.Kind kind, int cpu, long arg) {

    /** The decision option {@code i} of {@code c} stands for. */
    public static Decision of(ChoiceSet c, int i) {
        return new Decision(c.kind(i), c.cpu(i), c.arg(i));
    }

    /** The index of this decision among {@code c}'s options, or -1 when it is not one of them. */
    public int indexIn(ChoiceSet c) {
        for (int i = 0; i < c.size(); i++) {
            if (c.kind(i) == kind && c.cpu(i) == cpu && c.arg(i) == arg) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STEP -> "step " + cpu;
            case COMMIT -> "commit " + cpu + "#" + arg;
            case DELIVER -> "deliver " + cpu;
        };
    }
}
