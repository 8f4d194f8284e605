package io.mmulab.emulator.explore;

import io.mmulab.emulator.explore.DfsExplorer.Reduction;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.ChoiceSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.mmulab.emulator.explore.DfsExplorer.UNBOUNDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DfsExplorerTest {

    private static DfsExplorer.Result all(Toy toy, int deviations, Reduction red) {
        return new DfsExplorer(toy, deviations, UNBOUNDED, red).explore(1_000_000, r -> false);
    }

    @Test
    void lostUpdateNeedsOneDeviation() {
        Toy toy = Toy.lostUpdate();
        DfsExplorer.Result none = new DfsExplorer(toy, 0, UNBOUNDED).explore(1000);
        assertEquals(1, none.runs());
        assertNull(none.found());
        assertTrue(none.exhausted());
        assertTrue(none.boundsReached());
        assertFalse(none.complete());

        DfsExplorer.Result one = new DfsExplorer(toy, 1, UNBOUNDED).explore(1000);
        assertNotNull(one.found());
        assertEquals(Outcome.Kind.BUG, one.found().outcome().kind());
        // The run it found replays to the same failure.
        RunResult again = toy.run(ScriptedScheduler.strict(one.found().decisions()));
        assertEquals(one.found(), again);
    }

    @Test
    void lostUpdateFoundUnderEveryReductionAndTso() {
        for (Reduction red : Reduction.values()) {
            for (Toy toy : List.of(Toy.lostUpdate(), Toy.noisyLostUpdate(false), Toy.noisyLostUpdate(true))) {
                DfsExplorer.Result r = new DfsExplorer(toy, 1, UNBOUNDED, red).explore(100_000);
                assertNotNull(r.found(), red.toString());
                assertTrue(r.found().failed());
            }
        }
    }

    @Test
    void exhaustiveSearchMatchesBruteForceAndReductionsSaveRuns() {
        List<Toy> programs = List.of(Toy.lostUpdate(), Toy.storeBuffering(false), Toy.storeBuffering(true),
                Toy.independent(2, 3), Toy.random(3, 3, 2, false), Toy.random(4, 2, 3, true));
        for (Toy toy : programs) {
            Toy.Enumeration brute = toy.enumerate();
            DfsExplorer.Result none = all(toy, UNBOUNDED, Reduction.NONE);
            DfsExplorer.Result sleep = all(toy, UNBOUNDED, Reduction.SLEEP_SETS);
            DfsExplorer.Result dpor = all(toy, UNBOUNDED, Reduction.DPOR);
            for (DfsExplorer.Result r : List.of(none, sleep, dpor)) {
                assertTrue(r.complete());
                assertEquals(brute.outcomes(), r.outcomes().keySet(), toy.threads.toString());
                assertEquals(brute.outcomes().size(), r.distinctOutcomes());
            }
            assertEquals(brute.runs(), none.runs());
            if (programs.indexOf(toy) < 4) {
                assertTrue(sleep.runs() < none.runs(), sleep.runs() + " vs " + none.runs());
            }
            assertTrue(sleep.runs() <= none.runs(), sleep.runs() + " vs " + none.runs());
            assertTrue(dpor.runs() <= sleep.runs(), dpor.runs() + " vs " + sleep.runs());
        }
    }

    @Test
    void lostUpdateRunCounts() {
        Toy toy = Toy.lostUpdate();
        assertEquals(6, all(toy, UNBOUNDED, Reduction.NONE).runs());
        assertEquals(4, all(toy, UNBOUNDED, Reduction.SLEEP_SETS).runs());
        DfsExplorer.Result dpor = all(toy, UNBOUNDED, Reduction.DPOR);
        assertEquals(4, dpor.runs());
        assertEquals(3, dpor.distinctOutcomes()); // x == 2 (T0 first, T1 first: registers differ), x == 1 (BUG)
    }

    @Test
    void storeBufferingUnderTsoReachesBothZero() {
        DfsExplorer.Result r = all(Toy.storeBuffering(true), UNBOUNDED, Reduction.DPOR);
        assertTrue(r.outcomes().keySet().stream().anyMatch(o -> o.message().contains("t0[0, 0, 0, 0] t1[0, 0, 0, 0]")));
        DfsExplorer.Result sc = all(Toy.storeBuffering(false), UNBOUNDED, Reduction.DPOR);
        assertEquals(3, sc.distinctOutcomes());
        assertEquals(4, r.distinctOutcomes());
    }

    @Test
    void independentThreadsNeedOneRun() {
        for (int threads = 2; threads <= 4; threads++) {
            Toy toy = Toy.independent(threads, 4);
            DfsExplorer.Result r = all(toy, UNBOUNDED, Reduction.DPOR);
            assertEquals(1, r.runs());
            assertTrue(r.complete());
            assertEquals(1, r.distinctOutcomes());
            // Within any bound too, and without cutting anything off.
            DfsExplorer.Result b = new DfsExplorer(toy, 1, 3).explore(1000, x -> false);
            assertEquals(1, b.runs());
            assertTrue(b.complete());
        }
        // Sleep sets alone cannot know in advance that a sibling is redundant: they run it,
        // find every option asleep, and count it redundant.
        DfsExplorer.Result sleep = all(Toy.independent(2, 2), UNBOUNDED, Reduction.SLEEP_SETS);
        assertTrue(sleep.runs() < all(Toy.independent(2, 2), UNBOUNDED, Reduction.NONE).runs());
        assertEquals(sleep.runs() - 1, sleep.redundantRuns());
    }

    /**
     * The bounded searches with reduction must find exactly the outcomes of every run within
     * the bound (brute force): the reduction is only relied on where no bound cut anything.
     */
    @Test
    void boundedReductionIsSoundOnRandomPrograms() {
        int checked = 0;
        for (long seed = 0; seed < 60; seed++) {
            boolean tso = seed % 3 == 0;
            Toy toy = Toy.random(seed, tso ? 2 : 2 + (int) (seed % 2), 3, tso);
            Toy.Enumeration brute = toy.enumerate();
            for (int bound = 0; bound <= 3; bound++) {
                Set<Outcome> expected = toy.enumerateBounded(bound);
                int noneRuns = -1;
                for (Reduction red : Reduction.values()) {
                    DfsExplorer.Result r = all(toy, bound, red);
                    assertTrue(r.exhausted());
                    assertEquals(expected, new HashSet<>(r.outcomes().keySet()),
                            "seed " + seed + " bound " + bound + " " + red + " " + toy.threads);
                    if (red == Reduction.NONE) {
                        noneRuns = r.runs();
                    } else {
                        assertTrue(r.runs() <= noneRuns, red + " " + r.runs() + " > " + noneRuns);
                    }
                    checked++;
                }
            }
            for (Reduction red : Reduction.values()) {
                DfsExplorer.Result r = all(toy, UNBOUNDED, red);
                assertTrue(r.complete());
                assertEquals(brute.outcomes(), new HashSet<>(r.outcomes().keySet()), "seed " + seed + " " + red);
            }
        }
        assertEquals(60 * 4 * 3, checked);
    }

    /**
     * Flanagan-Godefroid backtracking with sleep sets misses two outcomes here: after a, e, f,
     * the race (f, b) asks for T0 at the point after e, where T0 sleeps, and the run that
     * would have revealed the race (b, d) there is never made. Source sets ask for T1.
     */
    @Test
    void sourceSetsWithSleepSetsThreeThreads() {
        long x = 0x1000;
        long y = 0x1008;
        long z = 0x2000;
        Toy toy = new Toy(false, List.of(), List.of(
                List.of(new Toy.Read(y, 1), new Toy.WriteInc(z, 0, 1)),   // a, b
                List.of(new Toy.Write(x, 2), new Toy.Read(z, 1)),         // c, d
                List.of(new Toy.Read(x, 1), new Toy.Read(z, 0))));        // e, f
        Toy.Enumeration brute = toy.enumerate();
        assertEquals(8, brute.outcomes().size());
        DfsExplorer.Result r = all(toy, UNBOUNDED, Reduction.DPOR);
        assertEquals(brute.outcomes(), r.outcomes().keySet());
        assertTrue(r.runs() <= all(toy, UNBOUNDED, Reduction.SLEEP_SETS).runs());
    }

    @Test
    void depthBound() {
        DfsExplorer.Result r = new DfsExplorer(Toy.lostUpdate(), UNBOUNDED, 1, Reduction.NONE).explore(1000, x -> false);
        assertEquals(2, r.runs()); // only the first decision may deviate
        assertTrue(r.exhausted());
        assertTrue(r.boundsReached());
        assertNull(r.firstFailure().orElse(null));
        // Depth 2: deviations at the first two decisions only.
        DfsExplorer.Result d2 = new DfsExplorer(Toy.lostUpdate(), UNBOUNDED, 2, Reduction.NONE).explore(1000, x -> false);
        assertEquals(4, d2.runs());
        assertNotNull(new DfsExplorer(Toy.lostUpdate(), UNBOUNDED, 2).explore(1000).found());
        // 0 means unbounded.
        assertEquals(6, new DfsExplorer(Toy.lostUpdate(), UNBOUNDED, 0, Reduction.NONE).explore(1000, x -> false).runs());
    }

    @Test
    void maxRunsAndStopPredicate() {
        Toy toy = Toy.noisyLostUpdate(true);
        DfsExplorer.Result r = new DfsExplorer(toy, 2, UNBOUNDED).explore(3, x -> false);
        assertEquals(3, r.runs());
        assertFalse(r.exhausted());
        DfsExplorer.Result s = new DfsExplorer(toy, 2, UNBOUNDED).explore(100_000,
                x -> x.outcome().kind() == Outcome.Kind.BUG);
        assertNotNull(s.found());
        assertFalse(s.exhausted());
        assertEquals(s.found(), s.outcomes().get(s.found().outcome()));
        assertEquals(s.found(), s.firstFailure().orElseThrow());
        assertEquals(s.runs() - 1, s.firstFailureRun());
        // The predicate can stop for other reasons (a time budget); the first failure is still reported.
        int[] seen = {0};
        DfsExplorer.Result t = new DfsExplorer(toy, 2, UNBOUNDED).explore(100_000, x -> ++seen[0] == s.runs() + 2);
        assertEquals(s.runs() + 2, t.runs());
        assertEquals(s.firstFailureRun(), t.firstFailureRun());
        assertEquals(s.found(), t.firstFailure().orElseThrow());
    }

    @Test
    void deterministic() {
        Toy toy = Toy.random(11, 3, 3, true);
        DfsExplorer.Result a = all(toy, 2, Reduction.DPOR);
        DfsExplorer.Result b = all(toy, 2, Reduction.DPOR);
        assertEquals(a.runs(), b.runs());
        assertEquals(new ArrayList<>(a.outcomes().values()), new ArrayList<>(b.outcomes().values()));
    }

    @Test
    void nondeterministicRunnerIsReported() {
        Toy[] programs = {Toy.lostUpdate(), Toy.storeBuffering(false)};
        int[] calls = {0};
        Runner flaky = s -> programs[calls[0]++ % 2].run(s);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DfsExplorer(flaky, UNBOUNDED, UNBOUNDED).explore(100, x -> false));
        assertTrue(e.getMessage().contains("not deterministic"), e.getMessage());
    }

    @Test
    void unknownFootprintsAreDependentWithEverything() {
        // A runner offering two vCPUs with unknown footprints: nothing can be pruned.
        Runner r = s -> {
            ChoiceSet c = new ChoiceSet();
            List<Decision> ds = new ArrayList<>();
            int[] left = {2, 2};
            int current = -1;
            StringBuilder order = new StringBuilder();
            while (left[0] + left[1] > 0) {
                c.reset(current);
                for (int cpu = 0; cpu < 2; cpu++) {
                    if (left[cpu] > 0) {
                        c.addStep(cpu);
                    }
                }
                int i = s.choose(c);
                ds.add(Decision.of(c, i));
                current = c.cpu(i);
                left[current]--;
                order.append(current);
            }
            return new RunResult(new Outcome(Outcome.Kind.DONE, 0, order.toString(), -1, 0), ds, ds.size());
        };
        assertEquals(6, new DfsExplorer(r, UNBOUNDED, UNBOUNDED).explore(100, x -> false).distinctOutcomes());
    }
}
