package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.disasm.Disassembler;
import io.mmulab.emulator.disasm.Instruction;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSection;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.mmu.model.ModelKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel-model selftests (guest-images/src/main/c/scenarios/selftest-*.c): each asserts its
 * own outcomes with CHECK(), so a clean run is one that ends done(0). Each runs on both arches
 * with 1 and 4 vCPUs, under the memory models its code is written for (x86-64 code relies on
 * TSO, so it runs under sc and tso; arm64 code under sc, tso and arm), with a random
 * schedule each. The refcount misuse images must end in a REFCOUNT report.
 */
class SelftestTest {
    private static final String[] SELFTESTS = {"selftest-alloc", "selftest-refcount", "selftest-rcu", "selftest-xarray",
        "selftest-gup-ref", "selftest-devmap", "selftest-mm", "selftest-gup", "selftest-thp",
        "selftest-hvo", "selftest-vma-lock"};
    private static final long SEED = 1;

    static Stream<Arguments> selftests() {
        List<Arguments> out = new ArrayList<>();
        for (String image : SELFTESTS) {
            for (Arch arch : Arch.values()) {
                for (int vcpus : new int[] {1, 4}) {
                    out.add(Arguments.of(image, arch, vcpus));
                }
            }
        }
        return out.stream();
    }

    private static Machine.RunSummary run(String image, Arch arch, ModelKind model, int vcpus, long seed) {
        MachineConfig config = MachineConfig.defaults(arch, vcpus, seed).withModel(model);
        try (Machine m = Machine.boot(Images.load(image, arch), config,
                new RandomScheduler(seed, config.switchProbability()), text -> { })) {
            return m.runToSummary();
        }
    }

    private static void assertDone(Machine.RunSummary r, String what) {
        assertEquals(Outcome.Kind.DONE, r.outcome().kind(), what + ": " + r.outcome().message() + "\n" + r.console());
        assertEquals(0, r.outcome().status(), what + ":\n" + r.console());
    }

    @ParameterizedTest(name = "{0} on {1} with {2} vCPUs")
    @MethodSource("selftests")
    void selftestPasses(String image, Arch arch, int vcpus) {
        List<ModelKind> models = arch == Arch.ARM64
                ? List.of(ModelKind.SC, ModelKind.TSO, ModelKind.ARM) : List.of(ModelKind.SC, ModelKind.TSO);
        for (ModelKind model : models) {
            Machine.RunSummary r = run(image, arch, model, vcpus, SEED);
            assertDone(r, image + " " + arch + " " + model + " " + vcpus + " vCPUs");
            assertTrue(r.console().contains(image + ": " + vcpus + " CPU"), r.console());
        }
    }

    /**
     * A hundred random schedules of the RCU selftest on four vCPUs, on each arch under its own
     * model. Two bugs this found: on x86_64, before the condition flags were restored from after
     * the engine's exit (see Preemption), a preemption at the store in {@code and; mov; jne}
     * replayed the branch with stale flags and rcu_report_qs() skipped the end of a grace period
     * (every CPU then waited for ever: run 4); on arm64, rcu_barrier()'s callback set its done flag
     * with a plain store, which the arm model committed before the relaxed increments of the
     * callbacks before it (the count was short: run 59).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Arch.class)
    void rcuGracePeriodsAndBarriersHoldUnderExploration(Arch arch) {
        MachineConfig config = MachineConfig.defaults(arch, 4, 1).withMaxSteps(2_000_000);
        try (io.mmulab.emulator.explore.MachineRunner runner = new io.mmulab.emulator.explore.MachineRunner(
                Images.load("selftest-rcu", arch), config, t -> { })) {
            io.mmulab.emulator.explore.Explorer.Summary s = new io.mmulab.emulator.explore.Explorer(runner, config,
                    () -> 0L).explore(new io.mmulab.emulator.explore.Explorer.Options(
                            io.mmulab.emulator.explore.Explorer.Strategy.RANDOM, 3, 100, 0, true, 0), null);
            assertTrue(s.failures().isEmpty(), () -> s.failures().get(0).result().outcome().message());
            assertEquals(100, s.runs());
        }
    }

    /** CONFIG_TINY_RCU supports one CPU: rcu_read_lock() is preempt_disable(), synchronize_rcu() a quiescent state. */
    @ParameterizedTest(name = "{0}-tinyrcu on {1}")
    @MethodSource("tinyRcu")
    void tinyRcuSelftestPasses(String image, Arch arch) {
        assertDone(run(image + "-tinyrcu", arch, arch == Arch.ARM64 ? ModelKind.ARM : ModelKind.TSO, 1, 1),
                image + "-tinyrcu on " + arch);
    }

    static Stream<Arguments> tinyRcu() {
        return Stream.of("selftest-rcu", "selftest-refcount")
                .flatMap(i -> Stream.of(Arch.values()).map(a -> Arguments.of(i, a)));
    }

    static Stream<Arguments> misuse() {
        List<Arguments> out = new ArrayList<>();
        String[][] cases = {{"selftest-refcount-bad-get", "increment from zero"},
                {"selftest-refcount-bad-put", "underflow"}, {"selftest-refcount-bad-sat", "saturation"},
                // an idle fsdax page (1-based count) losing its own reference: below 1 is an underflow
                {"selftest-devmap-badput", "underflow"}};
        for (String[] c : cases) {
            for (Arch arch : Arch.values()) {
                for (int vcpus : new int[] {1, 4}) {
                    out.add(Arguments.of(c[0], c[1], arch, vcpus));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {2} with {3} vCPUs")
    @MethodSource("misuse")
    void refcountMisuseIsReported(String image, String kind, Arch arch, int vcpus) {
        Machine.RunSummary r = run(image, arch, arch == Arch.ARM64 ? ModelKind.ARM : ModelKind.TSO, vcpus, 1);
        assertEquals(Outcome.Kind.REFCOUNT, r.outcome().kind(), r.outcome().message() + "\n" + r.console());
        assertTrue(r.outcome().message().contains("refcount " + kind), r.outcome().message());
    }

    /**
     * Linux's ordering contract in the generated arm64 code: the relaxed folio_ref_add()/folio_get()
     * are LDADD without acquire/release, the fully ordered folio_put_testzero() LDADDAL and the
     * fully ordered folio_try_get() (add-unless-zero) a CASAL loop.
     */
    @Test
    void arm64RefcountAtomicsFollowTheOrderingContract() throws Exception {
        Assumptions.assumeTrue(Disassembler.isAvailable(Arch.ARM64), "no arm64 disassembler");
        ElfImage image = Images.load("selftest-refcount", Arch.ARM64);
        assertEquals(List.of("ldadd"), atomics(image, "selftest_ref_add"));
        assertEquals(List.of("ldadd"), atomics(image, "selftest_ref_get"));
        assertEquals(List.of("ldaddal"), atomics(image, "selftest_ref_put_testzero"));
        assertEquals(List.of("casal"), atomics(image, "selftest_ref_try_get"));
    }

    /**
     * GUP's grabs and puts under the same contract (mm/gup.c): the slow path's try_grab_folio() adds
     * with relaxed LDADDs only (FIX_TRY_GRAB_SLOW: the page-table lock keeps the folio alive); GUP-fast's
     * speculative get is the fully ordered add-unless-zero (a CASAL loop), after which the pin's extra
     * bias or _pincount add is relaxed and followed by smp_mb__after_atomic() (DMB ISH); unpinning drops
     * the references with the fully ordered LDADDAL of folio_put_refs(), and the fsdax put
     * (__put_devmap_managed_page_refs) with LDADDAL too, which orders the count before wake_up_var()
     * reads the waiter records.
     */
    @Test
    void arm64GupGrabsAndPutsFollowTheOrderingContract() throws Exception {
        Assumptions.assumeTrue(Disassembler.isAvailable(Arch.ARM64), "no arm64 disassembler");
        ElfImage gup = Images.load("selftest-gup-ref", Arch.ARM64);
        List<String> slow = atomics(gup, "try_grab_folio");
        assertFalse(slow.isEmpty(), "try_grab_folio has no atomics");
        assertTrue(slow.stream().allMatch(m -> m.equals("ldadd") || m.equals("stadd")), slow.toString());
        assertEquals(List.of("casal"), atomics(gup, "try_get_folio"));
        List<String> fast = mnemonics(gup, "try_grab_folio_fast");
        assertTrue(fast.contains("ldadd"), fast.toString());
        assertTrue(fast.indexOf("dmb") > fast.indexOf("ldadd"), "no smp_mb__after_atomic() after the pin: " + fast);
        assertEquals("ldaddal", atomics(gup, "gup_put_folio").get(0));
        ElfImage devmap = Images.load("selftest-devmap", Arch.ARM64);
        assertEquals(List.of("ldaddal"), atomics(devmap, "__put_devmap_managed_page_refs"));
    }

    /** The atomic read-modify-write instructions (LSE and exclusives) of a function, in order. */
    private static List<String> atomics(ElfImage image, String function) throws Exception {
        return mnemonics(image, function).stream()
                .filter(m -> m.startsWith("ldadd") || m.startsWith("stadd") || m.startsWith("cas")
                        || m.startsWith("swp") || m.startsWith("ldxr") || m.startsWith("ldaxr")
                        || m.startsWith("stxr") || m.startsWith("stlxr"))
                .collect(Collectors.toList());
    }

    /** Every instruction mnemonic of a function, in order. */
    private static List<String> mnemonics(ElfImage image, String function) throws Exception {
        ElfSymbol sym = image.symbols().byName(function).orElseThrow(() -> new AssertionError("no symbol " + function));
        ElfSection text = image.sections().stream()
                .filter(s -> !s.noBits() && Long.compareUnsigned(sym.address() - s.address(), s.size()) < 0)
                .findFirst().orElseThrow(() -> new AssertionError("no section holds " + function));
        ByteBuffer data = image.sectionData(text);
        byte[] code = new byte[(int) sym.size()];
        data.position((int) (sym.address() - text.address()));
        data.get(code);
        try (Disassembler d = new Disassembler(Arch.ARM64)) {
            return d.disassemble(code, sym.address()).stream().map(Instruction::mnemonic)
                    .collect(Collectors.toList());
        }
    }
}
