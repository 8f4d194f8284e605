package io.mmulab.emulator.sched;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSchedulerTest {

    /** Steps for cpus 0..3 at a point of {@code current}, plus {@code commits} commit options of cpu 1. */
    private static ChoiceSet choices(int current, int commits, int... runnable) {
        ChoiceSet c = new ChoiceSet();
        c.reset(current);
        for (int r : runnable) {
            c.addStep(r);
        }
        for (int i = 0; i < commits; i++) {
            c.addCommit(1, 100 + i);
        }
        return c;
    }

    @Test
    void sameSeedSameDecisions() {
        RandomScheduler a = new RandomScheduler(42, 0.3);
        RandomScheduler b = new RandomScheduler(42, 0.3);
        for (int i = 0; i < 10_000; i++) {
            ChoiceSet c = choices(i % 4, i % 3, 0, 1, 2, 3);
            assertEquals(a.choose(c), b.choose(c));
        }
    }

    @Test
    void differentSeedsDiffer() {
        RandomScheduler a = new RandomScheduler(1, 0.5);
        RandomScheduler b = new RandomScheduler(2, 0.5);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            ChoiceSet c = choices(0, 0, 0, 1, 2, 3);
            same += a.choose(c) == b.choose(c) ? 1 : 0;
        }
        assertTrue(same < 1000);
    }

    @Test
    void neverSwitchesWithProbabilityZero() {
        RandomScheduler s = new RandomScheduler(3, 0, 0, 0);
        for (int i = 0; i < 1000; i++) {
            ChoiceSet c = choices(2, 2, 0, 1, 2, 3);
            int k = s.choose(c);
            assertEquals(ChoiceSet.Kind.STEP, c.kind(k));
            assertEquals(2, c.cpu(k));
        }
    }

    @Test
    void picksOnlyRunnableAndReachesEach() {
        RandomScheduler s = new RandomScheduler(5, 1);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ChoiceSet c = choices(0, 0, 1, 3); // cpu 0 just halted
            int p = c.cpu(s.choose(c));
            assertTrue(p == 1 || p == 3, "picked " + p);
            seen.add(p);
        }
        assertEquals(Set.of(1, 3), seen);
    }

    @Test
    void switchRateFollowsTheProbability() {
        RandomScheduler s = new RandomScheduler(9, 0.25);
        int switches = 0;
        for (int i = 0; i < 100_000; i++) {
            ChoiceSet c = choices(0, 0, 0, 1);
            switches += c.cpu(s.choose(c)) != 0 ? 1 : 0;
        }
        // A switch needs the 0.25 draw and then picking the other cpu (1/2): 12.5%.
        assertEquals(0.125, switches / 100_000.0, 0.01);
    }

    @Test
    void commitsAreChosenAtTheirRateAndForcedWhenNothingCanStep() {
        RandomScheduler s = new RandomScheduler(11, 0.1, 0.25, 0.25);
        int commits = 0;
        for (int i = 0; i < 100_000; i++) {
            ChoiceSet c = choices(0, 3, 0, 1);
            commits += c.kind(s.choose(c)) == ChoiceSet.Kind.COMMIT ? 1 : 0;
        }
        assertEquals(0.25, commits / 100_000.0, 0.01);
        ChoiceSet onlyCommits = choices(-1, 2);
        for (int i = 0; i < 100; i++) {
            assertEquals(ChoiceSet.Kind.COMMIT, onlyCommits.kind(s.choose(onlyCommits)));
        }
        ChoiceSet onlyDelivery = new ChoiceSet();
        onlyDelivery.reset(-1);
        onlyDelivery.addDeliver(2);
        assertEquals(0, s.choose(onlyDelivery));
    }

    @Test
    void rejectsBadProbability() {
        assertThrows(IllegalArgumentException.class, () -> new RandomScheduler(1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new RandomScheduler(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RandomScheduler(1, 0.1, -1, 0));
    }

    @Test
    void splitMixMatchesItsReferenceSequence() {
        // First outputs of SplitMix64 seeded with 0 (from the algorithm's published description).
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
        assertEquals(0x06c45d188009454fL, r.nextLong());
    }
}
