package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.Minimizer;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.explore.ScriptedScheduler;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.MachineEvent;
import io.mmulab.emulator.machine.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exploration from the scenario checkpoint: strategies, replay, minimisation, oracles. */
class ExplorationTest {

    private static Explorer.Summary explore(MachineRunner runner, MachineConfig config, Explorer.Strategy s, int depth,
                                            long runs) {
        return new Explorer(runner, config, () -> 0L)
                .explore(new Explorer.Options(s, depth, runs, 0, true, 0), null);
    }

    /**
     * <pre>
     *  CPU 0                          | CPU 1
     *  v = READ_ONCE(counter)   (0)   |
     *                                 | v = READ_ONCE(counter)   (0)
     *  WRITE_ONCE(counter, v+1) (1)   |
     *                                 | WRITE_ONCE(counter, v+1) (1)
     * </pre>
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void pctFindsTheLostUpdateAndReplayMinimisesIt(Arch arch) {
        ElfImage image = Images.load("lost-update", arch);
        MachineConfig config = MachineConfig.defaults(arch, 2, 1);
        try (MachineRunner runner = new MachineRunner(image, config, t -> { })) {
            assertTrue(runner.checkpointed(), "lost-update reaches HC_SCENARIO_START");
            Explorer.Summary s = explore(runner, config, Explorer.Strategy.PCT, 3, 1000);
            assertFalse(s.failures().isEmpty(), "pct found nothing in " + s.runs() + " runs");
            RunResult failing = s.failures().get(0).result();
            assertEquals(Outcome.Kind.CHECK_FAILED, failing.outcome().kind(), failing.outcome().message());

            // Replay: the same decisions reach the same failure, step for step.
            RunResult again = runner.run(new ScriptedScheduler(failing.decisions()));
            assertEquals(failing.outcome(), again.outcome());
            assertEquals(failing.decisions(), again.decisions());

            // Minimised to at most two preemptions, and still failing.
            Minimizer.Result min = new Minimizer(runner, 300).minimize(failing);
            assertTrue(min.preemptions() <= 2, "preemptions left: " + min.preemptions() + " after " + min.runs()
                    + " runs" + (min.budgetExhausted() ? " (budget exhausted)" : "") + ", deviations " + min.deviations());
            assertEquals(Outcome.Kind.CHECK_FAILED, min.result().outcome().kind());

            // Its events show the two loads of one value before the two stores of the next.
            runner.machine().recordEvents(true);
            runner.run(new ScriptedScheduler(min.result().decisions()));
            long counter = image.physicalAddressOf(image.symbols().byName("counter").orElseThrow().address())
                    .orElseThrow();
            List<MachineEvent> onCounter = runner.machine().events().stream()
                    .filter(e -> e.addr() == counter && e.kind() != MachineEvent.Kind.WRITE).toList();
            assertTrue(lostUpdateShape(onCounter), onCounter.toString());
            runner.machine().recordEvents(false);
        }
    }

    /**
     * Two CPUs read the same value, then both make that value plus one visible. Stores count
     * where they commit (become visible), not where they enter the store buffer: the lost
     * update can come from an interleaving or from a store still buffered when the other CPU
     * reads (a CPU may read its own buffered value meanwhile).
     */
    private static boolean lostUpdateShape(List<MachineEvent> ev) {
        for (int i = 0; i < ev.size(); i++) {
            for (int j = i + 1; j < ev.size(); j++) {
                MachineEvent a = ev.get(i);
                MachineEvent b = ev.get(j);
                if (a.kind() == MachineEvent.Kind.READ && b.kind() == MachineEvent.Kind.READ && a.cpu() != b.cpu()
                        && a.value() == b.value()) {
                    long commits = ev.subList(j + 1, ev.size()).stream()
                            .filter(w -> w.kind() == MachineEvent.Kind.COMMIT && w.value() == a.value() + 1)
                            .map(MachineEvent::cpu).distinct().count();
                    boolean noNextBetween = ev.subList(i + 1, j).stream()
                            .noneMatch(w -> w.kind() == MachineEvent.Kind.COMMIT && w.value() == a.value() + 1);
                    if (commits == 2 && noNextBetween) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Exhaustive search within two deviations from the default schedule finds the lost update;
     * with the spinlock, the whole bounded space is explored (not cut off by a run count) and
     * stays clean. A vCPU spinning on the lock while its holder is preempted parks instead of
     * running the step budget out, so no run hits the (lowered) budget.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void dfsFindsTheLostUpdateAndProvesTheLockedCounterCleanToBoundTwo(Arch arch) {
        MachineConfig config = MachineConfig.defaults(arch, 2, 1).withMaxSteps(200_000);
        try (MachineRunner runner = new MachineRunner(Images.load("lost-update", arch), config, t -> { })) {
            Explorer.Summary s = explore(runner, config, Explorer.Strategy.DFS, 2, 100_000);
            assertFalse(s.failures().isEmpty(), "dfs found nothing in " + s.runs() + " runs");
            assertEquals(Outcome.Kind.CHECK_FAILED, s.failures().get(0).result().outcome().kind());
        }
        try (MachineRunner runner = new MachineRunner(Images.load("lost-update-locked", arch), config, t -> { })) {
            Explorer.Summary s = explore(runner, config, Explorer.Strategy.DFS, 2, 100_000);
            assertTrue(s.failures().isEmpty(), () -> s.failures().get(0).result().outcome().message());
            assertTrue(s.exhausted(), "bound 2 not exhausted in " + s.runs() + " runs");
            assertEquals(java.util.Set.of("DONE"), s.outcomes().keySet(), s.outcomes().toString());
        }
    }

    /** A loop that touches no memory never returns to the emulator on its own: the watchdog stops it. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLoopThatTouchesNoMemoryIsStoppedAsRunaway(Arch arch) {
        MachineConfig config = MachineConfig.defaults(arch, 2, 1);
        try (MachineRunner runner = new MachineRunner(Images.load("runaway", arch), config, t -> { })) {
            Outcome o = runner.run(new io.mmulab.emulator.sched.RandomScheduler(1, 0.1)).outcome();
            assertEquals(Outcome.Kind.RUNAWAY, o.kind(), o.message());
            assertTrue(o.message().contains("cpu 0 ran for") && o.message().contains("scenarios/runaway.c:"),
                    o.message());
        }
    }

    /** An ABBA deadlock on two spinlocks: a HANG naming where each CPU spins, not a budget run out. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void anAbbaDeadlockIsAHangWhereBothCpusSpin(Arch arch) {
        Outcome o = assertFound("abba-deadlock", arch, Outcome.Kind.HANG, "spinning", 1000);
        // each CPU named with the inlined chain down to the lock it spins on
        assertTrue(o.message().matches(".*cpu0 spinning without progress.* at lock_both\\+0x[0-9a-f]+: cpu_relax .*"
                + "<- arch_spin_lock .*<- spin_lock .*<- lock_both \\(scenarios/abba-deadlock.c:\\d+\\).*"), o.message());
        assertTrue(o.message().contains("cpu1 spinning without progress"), o.message());
    }

    /**
     * A wait loop that passes two spin hints a round (as GCC unrolls arch_spin_lock()'s loop
     * inside __get_user_pages() on arm64) parks like a loop with one: a leaked lock is a HANG
     * naming both spinning CPUs, and with every lock released each run ends done well within a
     * small budget, however long pct lets the waiter run before the holder. (Regression: only a
     * hint repeating the one just before parked a vCPU, so pct's favoured waiter spun through
     * the whole budget inside one slice; selftest-gup ended as a 10 s RUNAWAY.)
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aWaitLoopWithTwoSpinHintsARoundParksToo(Arch arch) {
        MachineConfig config = MachineConfig.defaults(arch, 2, 1).withMaxSteps(200_000);
        try (MachineRunner runner = new MachineRunner(Images.load("spin-unrolled", arch), config, t -> { })) {
            Explorer.Summary s = explore(runner, config, Explorer.Strategy.PCT, 3, 20);
            assertFalse(s.failures().isEmpty(), "nothing found in " + s.runs() + " runs: " + s.outcomes());
            Outcome o = s.failures().get(0).result().outcome();
            assertEquals(Outcome.Kind.HANG, o.kind(), o.message());
            assertTrue(o.message().matches(".*cpu0 spinning without progress.* <- lock_unrolled "
                    + "\\(scenarios/spin-unrolled.c:\\d+\\).*"), o.message());
            assertTrue(o.message().matches(".*cpu1 spinning without progress.* <- lock_unrolled .*"), o.message());
        }
        try (MachineRunner runner = new MachineRunner(Images.load("spin-unrolled-fixed", arch), config, t -> { })) {
            Explorer.Summary s = explore(runner, config, Explorer.Strategy.PCT, 3, 100);
            assertTrue(s.failures().isEmpty(), () -> s.failures().get(0).result().outcome().message());
            assertEquals(java.util.Set.of("DONE"), s.outcomes().keySet(), s.outcomes().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void useAfterFreeAndStaleTlbAndRefcountOracles(Arch arch) {
        assertFound("phys-uaf", arch, Outcome.Kind.PHYS_UAF, "freed at step");
        assertFound("stale-tlb", arch, Outcome.Kind.STALE_TLB_UAF, "stale TLB entry");
        assertFound("refcount-underflow", arch, Outcome.Kind.REFCOUNT, "underflow");
    }

    /** A wake-up lost between checking the condition and sleeping: both CPUs sleep for ever, each says on what. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLostWakeUpIsAHangThatNamesWhatEachCpuWaitsFor(Arch arch) {
        Outcome o = assertFound("lost-wakeup", arch, Outcome.Kind.HANG, "waiting for", 2000);
        assertTrue(o.message().contains("cpu0 halted") && o.message().contains("cpu1 halted"), o.message());
        assertTrue(o.message().contains("wait_var_event"), o.message());
    }

    private static void assertFound(String image, Arch arch, Outcome.Kind kind, String fragment) {
        assertFound(image, arch, kind, fragment, 1000);
    }

    private static Outcome assertFound(String image, Arch arch, Outcome.Kind kind, String fragment, int runs) {
        MachineConfig config = MachineConfig.defaults(arch, 2, 1);
        try (MachineRunner runner = new MachineRunner(Images.load(image, arch), config, t -> { })) {
            Explorer.Summary s = explore(runner, config, Explorer.Strategy.PCT, 3, runs);
            assertFalse(s.failures().isEmpty(), image + " on " + arch + ": nothing found in " + s.runs() + " runs");
            Outcome o = s.failures().get(0).result().outcome();
            assertEquals(kind, o.kind(), o.message());
            assertTrue(o.message().contains(fragment), o.message());
            return o;
        }
    }
}
