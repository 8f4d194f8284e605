package io.mmulab.emulator.explore;

import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinimizerTest {

    /** The first failing run under a random scheduler with many deviations. */
    private static RunResult failingRandomRun(Toy toy, int minDeviations) {
        for (int seed = 0; seed < 10_000; seed++) {
            DeviationTracker t = new DeviationTracker(new RandomScheduler(seed, 0.5));
            RunResult r = toy.run(t);
            if (r.failed() && t.deviations().size() >= minDeviations) {
                return r;
            }
        }
        throw new AssertionError("no failing random run");
    }

    @Test
    void shrinksRandomLostUpdateToAtMostTwoDeviations() {
        for (boolean tso : new boolean[] {false, true}) {
            Toy toy = Toy.noisyLostUpdate(tso);
            RunResult failing = failingRandomRun(toy, 6);
            Minimizer.Result m = new Minimizer(toy, 500).minimize(failing);
            assertTrue(m.originalDeviations() >= 6);
            assertTrue(m.deviationCount() <= 2, "tso=" + tso + ": " + m.deviations());
            assertTrue(m.deviationCount() >= 1);
            assertFalse(m.budgetExhausted());
            assertTrue(m.runs() <= 500);
            assertEquals(Outcome.Kind.BUG, m.result().outcome().kind());
            // The minimal run, replayed from its full decision list, still fails.
            RunResult again = toy.run(ScriptedScheduler.strict(m.result().decisions()));
            assertEquals(m.result(), again);
            // And its deviations alone reproduce it.
            RunResult viaDeviations = toy.run(ScriptedScheduler.deviations(m.deviations()));
            assertEquals(m.result().decisions(), viaDeviations.decisions());
            // Counted as the tracker sees them.
            DeviationTracker t = new DeviationTracker(ScriptedScheduler.strict(m.result().decisions()));
            toy.run(t);
            assertEquals(m.deviations(), t.deviations());
            assertEquals(t.preemptions(), m.preemptions());
            assertEquals(t.delayedCommits(), m.delayedCommits());
            assertTrue(m.preemptions() >= 1, "a lost update needs a switch between the read and the write");
        }
    }

    /** Many random failures, with and without store buffers: never more than 2 deviations, few runs. */
    @Test
    void shrinksManyRandomFailures() {
        for (boolean tso : new boolean[] {false, true}) {
            Toy toy = Toy.noisyLostUpdate(tso);
            int failures = 0;
            for (int seed = 0; failures < 40; seed++) {
                RunResult r = toy.run(new RandomScheduler(seed, 0.5));
                if (!r.failed()) {
                    continue;
                }
                failures++;
                Minimizer.Result m = new Minimizer(toy, 200).minimize(r);
                assertTrue(m.deviationCount() <= 2, "tso=" + tso + " seed " + seed + ": " + m.deviations());
                assertTrue(m.runs() <= 50, "tso=" + tso + " seed " + seed + ": " + m.runs() + " runs");
                assertTrue(m.result().failed());
            }
        }
    }

    /** The reordering keeps dependent events in order and puts DefaultPolicy's choice first where it can. */
    @Test
    void reorderingPutsTheSwitchWhereTheRaceNeedsIt() {
        Toy toy = Toy.lostUpdate();
        // cpu 1 reads, cpu 0 reads, cpu 1 writes, cpu 0 writes: three deviations.
        List<Decision> ds = List.of(ScriptedSchedulerTest.step(1), ScriptedSchedulerTest.step(0),
                ScriptedSchedulerTest.step(1), ScriptedSchedulerTest.step(0));
        DeviationTracker t = new DeviationTracker(ScriptedScheduler.strict(ds));
        toy.run(t);
        assertEquals(3, t.deviations().size());
        // Equivalent: cpu 0 reads, cpu 1 reads and writes, cpu 0 writes: one deviation.
        assertEquals(List.of(ScriptedSchedulerTest.step(0), ScriptedSchedulerTest.step(1),
                ScriptedSchedulerTest.step(1), ScriptedSchedulerTest.step(0)), Minimizer.reordered(t.decisions(), t.footprints()));
    }

    @Test
    void alreadyMinimalAndDefaultFailures() {
        Toy toy = Toy.lostUpdate();
        RunResult one = toy.run(ScriptedScheduler.deviations(java.util.Map.of(1, ScriptedSchedulerTest.step(1))));
        Minimizer.Result m = new Minimizer(toy, 50).minimize(one);
        assertEquals(1, m.deviationCount());
        assertEquals(one, m.result());
        // A program that fails under DefaultPolicy minimises to no deviation at all.
        Toy always = new Toy(false, List.of(new Toy.Final(Toy.X, 5)), List.of(List.of(new Toy.Write(Toy.X, 1)),
                List.of(new Toy.Write(Toy.Y, 1))));
        RunResult r = always.run(new RandomScheduler(1, 1.0));
        Minimizer.Result z = new Minimizer(always, 50).minimize(r);
        assertEquals(0, z.deviationCount());
    }

    @Test
    void budgetIsRespected() {
        Toy toy = Toy.noisyLostUpdate(true);
        RunResult failing = failingRandomRun(toy, 8);
        Minimizer.Result m = new Minimizer(toy, 3).minimize(failing);
        assertEquals(3, m.runs());
        assertTrue(m.budgetExhausted());
        assertTrue(m.result().failed());
        assertTrue(m.deviationCount() <= m.originalDeviations());
    }

    @Test
    void rejectsPassingRuns() {
        Toy toy = Toy.lostUpdate();
        RunResult ok = toy.run(ScriptedScheduler.thenDefault(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Minimizer(toy, 10).minimize(ok));
    }
}
