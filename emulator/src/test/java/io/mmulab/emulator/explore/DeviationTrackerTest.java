package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeviationTrackerTest {

    @Test
    void classifiesDeviations() {
        // Under TSO: cpu 0 writes x (buffered), then cpu 1 runs while the commit waits.
        Toy toy = Toy.storeBuffering(true);
        DeviationTracker t = new DeviationTracker(ScriptedScheduler.strict(List.of(
                step(0),                                   // default (nobody running: lowest vCPU)
                step(1),                                   // preempts 0 and delays 0's commit
                new Decision(ChoiceSet.Kind.COMMIT, 1, 0), // default would commit 0's store first
                step(1),                                   // delays 0's commit (1 is current)
                new Decision(ChoiceSet.Kind.COMMIT, 0, 0), // the only commit: default
                step(0))));
        toy.run(t);
        assertEquals(Map.of(1, step(1), 2, new Decision(ChoiceSet.Kind.COMMIT, 1, 0), 3, step(1)), t.deviations());
        assertEquals(1, t.preemptions());
        assertEquals(2, t.delayedCommits());
        assertEquals(0, t.delayedDeliveries());
        assertEquals(6, t.decisions().size());
    }

    private static Decision step(int cpu) {
        return new Decision(ChoiceSet.Kind.STEP, cpu, 0);
    }
}
