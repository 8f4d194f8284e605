package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.emulator.sched.Scheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptedSchedulerTest {

    @Test
    void replaysRandomRunsExactly() {
        for (boolean tso : new boolean[] {false, true}) {
            Toy toy = Toy.noisyLostUpdate(tso);
            for (int seed = 0; seed < 30; seed++) {
                RunResult original = toy.run(new RandomScheduler(seed, 0.4));
                ScriptedScheduler s = ScriptedScheduler.strict(original.decisions());
                RunResult replay = toy.run(s);
                assertEquals(original.outcome(), replay.outcome());
                assertEquals(original.decisions(), replay.decisions());
                assertEquals(original.decisions().size(), s.consumed());
                assertEquals(original.decisions().size(), s.position());
                assertTrue(s.scriptFinished());
            }
        }
    }

    @Test
    void divergenceNamesDecisionExpectationAndOptions() {
        Toy toy = Toy.lostUpdate();
        List<Decision> script = new ArrayList<>(toy.run(new RandomScheduler(3, 0.5)).decisions());
        script.set(2, new Decision(ChoiceSet.Kind.STEP, 7, 0));
        ScriptedScheduler s = ScriptedScheduler.strict(script);
        ReplayDivergedException e = assertThrows(ReplayDivergedException.class, () -> toy.run(s));
        assertEquals(e, s.divergence());
        assertEquals(2, e.decision());
        assertEquals(new Decision(ChoiceSet.Kind.STEP, 7, 0), e.expected());
        assertTrue(e.getMessage().startsWith("replay diverged at decision 2: the script says step 7 but the options are ["),
                e.getMessage());
        assertTrue(e.options().startsWith("[step "), e.options());
    }

    @Test
    void strictReplayRejectsALongerRun() {
        Toy toy = Toy.lostUpdate();
        List<Decision> full = toy.run(ScriptedScheduler.thenDefault(List.of())).decisions();
        ReplayDivergedException e = assertThrows(ReplayDivergedException.class,
                () -> toy.run(ScriptedScheduler.strict(full.subList(0, 2))));
        assertEquals(2, e.decision());
        assertNull(e.expected());
        assertTrue(e.getMessage().contains("script ended after 2 decisions"), e.getMessage());
    }

    @Test
    void constructorIsStrictAndAllowsRunsThatEndFirst() {
        Toy toy = Toy.lostUpdate();
        List<Decision> full = toy.run(ScriptedScheduler.thenDefault(List.of())).decisions();
        assertEquals(full, toy.run(new ScriptedScheduler(full)).decisions());
        assertThrows(ReplayDivergedException.class, () -> toy.run(new ScriptedScheduler(full.subList(0, 3))));
        List<Decision> longer = new ArrayList<>(full);
        longer.add(step(0));
        ScriptedScheduler s = new ScriptedScheduler(longer);
        toy.run(s);
        assertEquals(4, s.consumed());
        assertFalse(s.scriptFinished());
        assertEquals("replay(5 decisions, strict)", s.describe());
    }

    @Test
    void fallsBackAfterTheScript() {
        Toy toy = Toy.lostUpdate();
        // Script: cpu 0 reads, then cpu 1 reads (a preemption); DefaultPolicy continues cpu 1.
        List<Decision> script = List.of(new Decision(ChoiceSet.Kind.STEP, 0, 0), new Decision(ChoiceSet.Kind.STEP, 1, 0));
        ScriptedScheduler s = ScriptedScheduler.thenDefault(script);
        RunResult r = toy.run(s);
        assertTrue(r.failed());
        assertEquals(List.of(step(0), step(1), step(1), step(0)), r.decisions());
        assertEquals(2, s.consumed());
        assertEquals(4, s.position());
        assertNull(s.divergence());

        int[] asked = {0};
        Scheduler counting = new Scheduler() {
            @Override
            public int choose(ChoiceSet c) {
                asked[0]++;
                return c.nth(ChoiceSet.Kind.STEP, c.count(ChoiceSet.Kind.STEP) - 1);
            }

            @Override
            public String describe() {
                return "last";
            }
        };
        ScriptedScheduler f = ScriptedScheduler.then(script, counting);
        RunResult rf = toy.run(f);
        assertEquals(2, asked[0]);
        assertEquals(List.of(step(0), step(1), step(1), step(0)), rf.decisions());
        assertEquals("replay(2 decisions, then last)", f.describe());
    }

    @Test
    void deviationsModeSkipsWhatIsNotOffered() {
        Toy toy = Toy.lostUpdate();
        ScriptedScheduler s = ScriptedScheduler.deviations(Map.of(1, step(1), 2, new Decision(ChoiceSet.Kind.COMMIT, 0, 9)));
        RunResult r = toy.run(s);
        assertEquals(List.of(step(0), step(1), step(1), step(0)), r.decisions());
        assertEquals(1, s.consumed());
        assertEquals(1, s.skipped());
        assertFalse(s.scriptFinished());
        assertTrue(r.failed());
        assertThrows(IllegalArgumentException.class, () -> ScriptedScheduler.deviations(Map.of(-1, step(0))));
    }

    static Decision step(int cpu) {
        return new Decision(ChoiceSet.Kind.STEP, cpu, 0);
    }
}
