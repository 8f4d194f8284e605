package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.mmu.model.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static io.mmulab.tests.Scenario.assertNone;
import static io.mmulab.tests.Scenario.assertSome;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The memory models, observed from real guest code on emulated CPUs: each scenario runs a
 * litmus body many times per boot and counts outcomes (see guest-images scenarios mm-*).
 */
class MemoryModelTest {
    private static final int SEEDS = 3;

    /**
     * <pre>
     *  CPU 0              | CPU 1
     *  WRITE_ONCE(x, 1)   | WRITE_ONCE(y, 1)
     *  r0 = READ_ONCE(y)  | r1 = READ_ONCE(x)
     * </pre>
     * r0 = r1 = 0 needs both stores still buffered when both loads run.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void storeBufferingIsObservableUnderTsoAndArmButNotSc(Arch arch) {
        assertSome(Scenario.counts("mm-sb", arch, ModelKind.TSO, SEEDS), "00", "SB under tso on " + arch);
        assertSome(Scenario.counts("mm-sb", arch, ModelKind.ARM, SEEDS), "00", "SB under arm on " + arch);
        assertNone(Scenario.counts("mm-sb", arch, ModelKind.SC, SEEDS), "00", "SB under sc on " + arch);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fullBarriersForbidStoreBuffering(Arch arch) {
        for (ModelKind m : ModelKind.values()) {
            assertNone(Scenario.counts("mm-sb-mb", arch, m, SEEDS), "00", "SB+mb under " + m + " on " + arch);
        }
    }

    /**
     * <pre>
     *  CPU 0                 | CPU 1
     *  WRITE_ONCE(data, 1)   | r0 = READ_ONCE(flag)
     *  WRITE_ONCE(flag, 1)   | r1 = READ_ONCE(data)
     * </pre>
     * r0 = 1, r1 = 0 needs the flag store to become visible before the data store.
     */
    @Test
    void messagePassingWithoutBarriersBreaksOnlyUnderArm() {
        assertSome(Scenario.counts("mm-mp", Arch.ARM64, ModelKind.ARM, SEEDS), "10", "MP under arm");
        assertNone(Scenario.counts("mm-mp", Arch.X86_64, ModelKind.TSO, SEEDS), "10", "MP under tso");
        assertNone(Scenario.counts("mm-mp", Arch.ARM64, ModelKind.TSO, SEEDS), "10", "MP under tso on arm64");
        assertNone(Scenario.counts("mm-mp", Arch.ARM64, ModelKind.SC, SEEDS), "10", "MP under sc");
    }

    @Test
    void messagePassingWithDmbOrReleaseAcquireHolds() {
        assertNone(Scenario.counts("mm-mp-mb", Arch.ARM64, ModelKind.ARM, SEEDS), "10", "MP+dmb ish under arm");
        assertNone(Scenario.counts("mm-mp-relacq", Arch.ARM64, ModelKind.ARM, SEEDS), "10", "MP+stlr/ldar under arm");
        assertNone(Scenario.counts("mm-mp-mb", Arch.X86_64, ModelKind.TSO, SEEDS), "10", "MP+mb under tso");
    }

    /**
     * <pre>
     *  CPU 0              | CPU 1
     *  WRITE_ONCE(x, 1)   | WRITE_ONCE(y, 1)
     *  WRITE_ONCE(y, 2)   | WRITE_ONCE(x, 2)
     * </pre>
     * x = 1 and y = 1 at the end needs both CPUs' second stores to commit before their first.
     */
    @Test
    void twoPlusTwoWritesOnlyUnderArm() {
        // Both CPUs must commit out of order in the same iteration: rarer than the other shapes.
        assertSome(Scenario.counts("mm-2+2w", Arch.ARM64, ModelKind.ARM, 4 * SEEDS), "x1y1", "2+2W under arm");
        assertNone(Scenario.counts("mm-2+2w", Arch.X86_64, ModelKind.TSO, SEEDS), "x1y1", "2+2W under tso");
        assertNone(Scenario.counts("mm-2+2w", Arch.ARM64, ModelKind.SC, SEEDS), "x1y1", "2+2W under sc");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void lockedIncrementsNeverLoseUpdates(Arch arch) {
        for (ModelKind m : ModelKind.values()) {
            Map<String, String> r = Scenario.result(Scenario.run("mm-locked-inc", arch, m, 4, 5), "mm-locked-inc");
            assertEquals(r.get("expected"), r.get("counter"), m + " on " + arch + ": " + r);
            assertEquals(r.get("expected"), r.get("counter2"), m + " on " + arch + ": " + r);
        }
    }
}
