package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.machine.VcpuState;
import io.mmulab.emulator.sched.RandomScheduler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hello image boots on both arches with 1, 2 and 4 vCPUs; every vCPU greets once. */
class BootTest {

    static Machine.RunSummary boot(Arch arch, int vcpus, long seed) {
        MachineConfig config = MachineConfig.defaults(arch, vcpus, seed);
        try (Machine m = Machine.boot(Images.load("hello", arch), config,
                new RandomScheduler(seed, config.switchProbability()), text -> { })) {
            return m.runToSummary();
        }
    }

    static List<String> greetings(String console) {
        return console.lines().filter(l -> l.startsWith("hello from cpu")).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0} with {1} vCPUs")
    @CsvSource({"x86_64,1", "x86_64,2", "x86_64,4", "arm64,1", "arm64,2", "arm64,4"})
    void helloGreetsFromEveryCpu(String archName, int vcpus) {
        Arch arch = Arch.parse(archName);
        Machine.RunSummary r = boot(arch, vcpus, 7);
        assertEquals(Outcome.Kind.DONE, r.outcome().kind(), r.outcome().message());
        assertEquals(0, r.outcome().status());
        List<String> lines = greetings(r.console());
        assertEquals(vcpus, lines.size(), r.console());
        for (int cpu = 0; cpu < vcpus; cpu++) {
            assertTrue(lines.contains("hello from cpu " + cpu + " (" + arch + ")"), "cpu " + cpu + " in " + lines);
        }
        // Every secondary was released from the spin table (it greeted, and is idle or about to be).
        for (int cpu = 1; cpu < vcpus; cpu++) {
            assertNotEquals(VcpuState.PARKED, r.states().get(cpu), "cpu " + cpu);
        }
    }
}
