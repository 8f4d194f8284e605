package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.mmu.model.ModelKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLB staleness, fault delivery into the guest and IPIs, from guest scenarios. */
class TlbAndFaultTest {

    /**
     * A translation stays stale until the architecturally right invalidation: a local
     * invalidation of another page leaves it, the right one refreshes it; on arm64 a broadcast
     * tlbi reaches the other CPU only after the issuing CPU's dsb, on x86 only the IPI
     * shootdown does.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void staleTranslationsSurviveUntilTheRightInvalidation(Arch arch) {
        for (long seed = 1; seed <= 3; seed++) {
            Machine.RunSummary run = Scenario.run("tlb-stale", arch, MachineConfig.defaultModel(arch), 2, seed);
            Scenario.result(run, "tlb-stale");
            assertTrue(run.console().contains("RESULT tlb-stale cpu0:stale=A,wrong=A,right=B cpu1:before=A,after=B"),
                    "seed " + seed + ":\n" + run.console());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anIpiWaitsUntilTheTargetUnmasks(Arch arch) {
        for (long seed = 1; seed <= 4; seed++) {
            Map<String, String> r = Scenario.result(
                    Scenario.run("ipi-masked", arch, MachineConfig.defaultModel(arch), 2, seed), "ipi-masked");
            assertEquals("0", r.get("ran_while_masked"), r.toString());
            assertEquals("1", r.get("unmasking_seen_by_handler"), r.toString());
            assertEquals("1", r.get("returned_after_unmask"), r.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aWriteToAReadOnlyMappingFaultsIntoTheGuestHandler(Arch arch) {
        Map<String, String> r = Scenario.result(
                Scenario.run("ro-fault", arch, MachineConfig.defaultModel(arch), 2, 1), "ro-fault");
        assertEquals("-14", r.get("ret"), r.toString());
        assertEquals("1", r.get("write"), r.toString());
        assertTrue(r.get("addr").startsWith("0x"), r.toString());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anUnhandledKernelFaultIsReportedWithTheAddress(Arch arch) {
        Machine.RunSummary r = Scenario.run("oops-ro", arch, MachineConfig.defaultModel(arch), 2, 1);
        assertEquals(Outcome.Kind.GUEST_FAULT, r.outcome().kind(), r.outcome().message() + "\n" + r.console());
        Matcher m = Pattern.compile("TARGET (0x[0-9a-f]+)").matcher(r.console());
        assertTrue(m.find(), r.console());
        assertTrue(r.outcome().message().contains(m.group(1)), r.outcome().message());
        assertTrue(r.outcome().message().contains("oops"), r.outcome().message());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void helloRunsUnderEveryModel(Arch arch) {
        for (ModelKind m : ModelKind.values()) {
            Machine.RunSummary r = Scenario.run("hello", arch, m, 4, 3);
            assertEquals(Outcome.Kind.DONE, r.outcome().kind(), m + ": " + r.outcome().message());
            assertEquals(4, r.console().lines().filter(l -> l.startsWith("hello from cpu")).count(), m.toString());
        }
    }
}
