package io.mmulab.emulator.sched;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSchedulerTest {
    private static final int[] ALL = {0, 1, 2, 3};

    @Test
    void sameSeedSameDecisions() {
        RandomScheduler a = new RandomScheduler(42, 0.3);
        RandomScheduler b = new RandomScheduler(42, 0.3);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(a.pick(i % 4, ALL), b.pick(i % 4, ALL));
        }
    }

    @Test
    void differentSeedsDiffer() {
        RandomScheduler a = new RandomScheduler(1, 0.5);
        RandomScheduler b = new RandomScheduler(2, 0.5);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            same += a.pick(0, ALL) == b.pick(0, ALL) ? 1 : 0;
        }
        assertTrue(same < 1000);
    }

    @Test
    void neverSwitchesWithProbabilityZero() {
        RandomScheduler s = new RandomScheduler(3, 0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(2, s.pick(2, ALL));
        }
    }

    @Test
    void picksOnlyRunnableAndReachesEach() {
        RandomScheduler s = new RandomScheduler(5, 1);
        Set<Integer> seen = new HashSet<>();
        int[] runnable = {1, 3};
        for (int i = 0; i < 1000; i++) {
            int p = s.pick(0, runnable); // cpu 0 just halted
            assertTrue(p == 1 || p == 3, "picked " + p);
            seen.add(p);
        }
        assertEquals(Set.of(1, 3), seen);
    }

    @Test
    void switchRateFollowsTheProbability() {
        RandomScheduler s = new RandomScheduler(9, 0.25);
        int[] two = {0, 1};
        int switches = 0;
        for (int i = 0; i < 100_000; i++) {
            switches += s.pick(0, two) != 0 ? 1 : 0;
        }
        // A switch needs the 0.25 draw and then picking the other cpu (1/2): 12.5%.
        assertEquals(0.125, switches / 100_000.0, 0.01);
    }

    @Test
    void rejectsBadProbability() {
        assertThrows(IllegalArgumentException.class, () -> new RandomScheduler(1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new RandomScheduler(1, Double.NaN));
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
