package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.mmu.model.ModelKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a scenario image and reads its {@code RESULT name key=value ...} line. */
final class Scenario {
    private Scenario() {
    }

    static Machine.RunSummary run(String image, Arch arch, ModelKind model, int vcpus, long seed) {
        MachineConfig config = MachineConfig.defaults(arch, vcpus, seed).withModel(model);
        try (Machine m = Machine.boot(Images.load(image, arch), config,
                new RandomScheduler(seed, config.switchProbability()), text -> { })) {
            return m.runToSummary();
        }
    }

    /** The key=value pairs of the RESULT line for {@code name}; fails the test if the run did not end done(0). */
    static Map<String, String> result(Machine.RunSummary r, String name) {
        assertTrue(!r.outcome().failed() && r.outcome().status() == 0, r.outcome().message() + "\n" + r.console());
        Matcher m = Pattern.compile("(?m)^RESULT " + Pattern.quote(name) + " (.*)$").matcher(r.console());
        assertTrue(m.find(), "no RESULT " + name + " line in:\n" + r.console());
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : m.group(1).trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }

    /** Sums the integer counts of {@code RESULT name} over several seeds. */
    static Map<String, Long> counts(String image, Arch arch, ModelKind model, int seeds) {
        Map<String, Long> total = new LinkedHashMap<>();
        for (long seed = 1; seed <= seeds; seed++) {
            result(run(image, arch, model, 2, seed), image)
                    .forEach((k, v) -> total.merge(k, Long.parseLong(v), Long::sum));
        }
        return total;
    }

    static void assertSome(Map<String, Long> counts, String outcome, String why) {
        assertTrue(counts.getOrDefault(outcome, 0L) > 0, why + ": " + outcome + " never seen in " + counts);
    }

    static void assertNone(Map<String, Long> counts, String outcome, String why) {
        assertEquals(0L, counts.getOrDefault(outcome, 0L), why + ": " + outcome + " seen in " + counts);
        assertTrue(counts.values().stream().mapToLong(Long::longValue).sum() > 0, "no iterations counted: " + counts);
    }
}
