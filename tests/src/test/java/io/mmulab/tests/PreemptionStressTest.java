package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Preempting a vCPU before an access must leave no trace of the abandoned instruction.
 * unicorn lets a stopped arm64 {@code ldr x1, [x1]} write x1 and a stopped atomic do its
 * write; without the machine's roll-back, hello dies within a few seeds at this switch rate
 * (seen: a secondary loading TTBR1 through its own clobbered base register).
 */
class PreemptionStressTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void helloSurvivesAPreemptionAtEveryOtherSchedulingPoint(Arch arch) {
        long totalSwitches = 0;
        for (long seed = 1; seed <= 8; seed++) {
            MachineConfig config = MachineConfig.defaults(arch, 4, seed).withSwitchProbability(0.5);
            try (Machine m = Machine.boot(Images.load("hello", arch), config,
                    new RandomScheduler(seed, config.switchProbability()), text -> { })) {
                Machine.RunSummary r = m.runToSummary();
                assertEquals(Outcome.Kind.DONE, r.outcome().kind(), "seed " + seed + ": " + r.outcome().message());
                assertEquals(4, r.console().lines().filter(l -> l.startsWith("hello from cpu")).count(),
                        "seed " + seed);
                totalSwitches += r.switches();
            }
        }
        assertTrue(totalSwitches > 1000, "the test must really preempt: " + totalSwitches + " switches");
    }
}
