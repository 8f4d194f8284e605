package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PctSchedulerTest {

    private static long calibrate(Toy toy) {
        return PctScheduler.expectedStepsFrom(toy.run(ScriptedScheduler.thenDefault(java.util.List.of())));
    }

    @Test
    void depthTwoFindsLostUpdateQuickly() {
        for (Toy toy : new Toy[] {Toy.lostUpdate(), Toy.noisyLostUpdate(false), Toy.noisyLostUpdate(true)}) {
            long k = calibrate(toy);
            int firstFailure = -1;
            int failures = 0;
            for (int seed = 0; seed < 200; seed++) {
                RunResult r = toy.run(new PctScheduler(seed, 2, 2, k));
                if (r.failed()) {
                    failures++;
                    firstFailure = firstFailure < 0 ? seed : firstFailure;
                }
            }
            assertTrue(firstFailure >= 0 && firstFailure < 200, "no failure in 200 seeds");
            assertTrue(failures >= 5, "only " + failures + " failures in 200 runs");
        }
    }

    @Test
    void lostUpdateCalibratesToFourSteps() {
        assertEquals(4, calibrate(Toy.lostUpdate()));
        assertEquals(7, PctScheduler.expectedStepsFrom(7));
        assertEquals(1, PctScheduler.expectedStepsFrom(0));
    }

    @Test
    void deterministicPerSeed() {
        Toy toy = Toy.noisyLostUpdate(true);
        long k = calibrate(toy);
        boolean differ = false;
        RunResult first = toy.run(new PctScheduler(0, 3, 2, k));
        for (int seed = 0; seed < 50; seed++) {
            RunResult a = toy.run(new PctScheduler(seed, 3, 2, k));
            RunResult b = toy.run(new PctScheduler(seed, 3, 2, k));
            assertEquals(a, b);
            differ |= !a.decisions().equals(first.decisions());
        }
        assertTrue(differ);
    }

    @Test
    void depthOneNeverPreempts() {
        Toy toy = Toy.lostUpdate();
        for (int seed = 0; seed < 100; seed++) {
            DeviationTracker t = new DeviationTracker(new PctScheduler(seed, 1, 2, 4));
            RunResult r = toy.run(t);
            assertEquals(0, t.preemptions());
            assertFalse(r.failed());
        }
    }

    @Test
    void changePointsAreDistinctAndInRange() {
        for (int seed = 0; seed < 100; seed++) {
            long[] cp = new PctScheduler(seed, 5, 3, 10).changePoints();
            assertEquals(4, cp.length);
            for (int i = 0; i < cp.length; i++) {
                assertTrue(cp[i] >= 1 && cp[i] <= 10);
                assertTrue(i == 0 || cp[i - 1] < cp[i], Arrays.toString(cp));
            }
        }
        // Fewer steps than change points: every step is one.
        assertEquals(2, new PctScheduler(1, 5, 2, 2).changePoints().length);
    }

    @Test
    void runsHighestPriorityAndDropsItAtTheChangePoint() {
        // With commits and deliveries absent the choice is the priority order; find the
        // initially highest vCPU, then check it is dropped after the change point.
        PctScheduler s = new PctScheduler(42, 2, 3, 5);
        long cp = s.changePoints()[0];
        ChoiceSet c = new ChoiceSet();
        int before = -1;
        for (long step = 1; step <= 6; step++) {
            c.reset(-1);
            c.addStep(0);
            c.addStep(1);
            c.addStep(2);
            int cpu = c.cpu(s.choose(c));
            if (step == 1) {
                before = cpu;
            } else if (step <= cp) {
                assertEquals(before, cpu);
            } else {
                assertNotEquals(before, cpu);
            }
        }
    }

    @Test
    void commitsWhenNothingCanStep() {
        PctScheduler s = new PctScheduler(1, 2, 2, 10);
        ChoiceSet c = new ChoiceSet();
        c.reset(0);
        c.addCommit(1, 5, 0x1000, 8);
        assertEquals(0, s.choose(c));
        assertEquals(0, s.steps());
    }

    /**
     * The highest-priority vCPU blocked on its own buffer (commits offered, no step): some seeds
     * drain it first, the others stall it and step the next vCPU; over many seeds both happen,
     * and a seed always makes the same choice.
     */
    @Test
    void aBlockedTopVcpuIsDrainedOrStalledBySeed() {
        int drained = 0;
        int stalled = 0;
        for (long seed = 1; seed <= 64; seed++) {
            int top = topOf(seed);
            int first = blockedChoice(seed, top);
            assertEquals(first, blockedChoice(seed, top), "seed " + seed + " is deterministic");
            if (first == 0) {
                drained++;
            } else {
                stalled++;
            }
        }
        assertTrue(drained > 8 && stalled > 8, "drained " + drained + ", stalled " + stalled);
    }

    /** The vCPU a fresh scheduler of this seed steps first (the highest priority). */
    private static int topOf(long seed) {
        PctScheduler s = new PctScheduler(seed, 1, 2, 10);
        ChoiceSet c = new ChoiceSet();
        c.reset(-1);
        c.addStep(0);
        c.addStep(1);
        return c.cpu(s.choose(c));
    }

    /** 0: the top vCPU's commit was chosen; 1: the other vCPU's step. */
    private static int blockedChoice(long seed, int top) {
        PctScheduler s = new PctScheduler(seed, 1, 2, 10);
        ChoiceSet c = new ChoiceSet();
        c.reset(-1);
        c.addCommit(top, 5, 0x1000, 8);
        c.addStep(1 - top);
        int i = s.choose(c);
        return c.kind(i) == ChoiceSet.Kind.COMMIT ? 0 : 1;
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new PctScheduler(1, 0, 2, 10));
        assertThrows(IllegalArgumentException.class, () -> new PctScheduler(1, 2, 0, 10));
        PctScheduler s = new PctScheduler(1, 2, 2, 10);
        ChoiceSet c = new ChoiceSet();
        c.reset(-1);
        c.addStep(3);
        assertThrows(IllegalArgumentException.class, () -> s.choose(c));
        assertEquals("pct(seed=1, depth=2)", s.describe());
    }
}
