package io.mmulab.emulator.disasm;

import static io.mmulab.emulator.disasm.InsnKind.ATOMIC_RMW;
import static io.mmulab.emulator.disasm.InsnKind.CLEAR_EXCLUSIVE;
import static io.mmulab.emulator.disasm.InsnKind.EVENT_SIGNAL;
import static io.mmulab.emulator.disasm.InsnKind.EXCEPTION_RETURN;
import static io.mmulab.emulator.disasm.InsnKind.FENCE;
import static io.mmulab.emulator.disasm.InsnKind.HALT_WAIT;
import static io.mmulab.emulator.disasm.InsnKind.HYPERCALL;
import static io.mmulab.emulator.disasm.InsnKind.IRQ_MASK;
import static io.mmulab.emulator.disasm.InsnKind.LOAD_ACQUIRE;
import static io.mmulab.emulator.disasm.InsnKind.LOAD_EXCLUSIVE;
import static io.mmulab.emulator.disasm.InsnKind.STORE_EXCLUSIVE;
import static io.mmulab.emulator.disasm.InsnKind.STORE_RELEASE;
import static io.mmulab.emulator.disasm.InsnKind.SYNC_BARRIER;
import static io.mmulab.emulator.disasm.InsnKind.TLB_MAINTENANCE;
import static io.mmulab.emulator.disasm.InsnKind.TRANSLATION_CONTROL;
import static io.mmulab.emulator.disasm.Ordering.ACQUIRE;
import static io.mmulab.emulator.disasm.Ordering.ACQ_REL;
import static io.mmulab.emulator.disasm.Ordering.RELAXED;
import static io.mmulab.emulator.disasm.Ordering.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.emulator.Arch;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARM64 classes on words from {@code aarch64-linux-gnu-as -march=armv8.1-a} (armv8.7-a for the
 * later extensions), source in the comments, decoded by capstone.
 */
class Arm64ClassifierTest {
    private static Disassembler dis;
    private static final InstructionClassifier CLS = new InstructionClassifier(Arch.ARM64);

    @BeforeAll
    static void open() {
        dis = new Disassembler(Arch.ARM64);
    }

    @AfterAll
    static void close() {
        dis.close();
    }

    /** Decodes one word, checks capstone's text (null: don't) and classifies it. */
    private static Classification one(int word, String text) {
        List<Instruction> got = dis.disassemble(Asm.words(word), 0x4000);
        assertEquals(1, got.size());
        if (text != null) {
            assertEquals(text, got.get(0).text());
        }
        return CLS.classify(got.get(0));
    }

    private static void check(int word, String text, EnumSet<InsnKind> kinds, Ordering ordering, String detail) {
        Classification c = one(word, text);
        assertEquals(kinds, c.kinds(), text);
        assertEquals(ordering, c.ordering(), text);
        assertEquals(detail, c.detail(), text);
    }

    private static void none(int word, String text) {
        assertEquals(Classification.NONE, one(word, text), text);
    }

    @Test
    void dataMemoryBarriers() {
        Object[][] cases = {
            {0xd5033bbf, "dmb ish", FenceKind.FULL, true},
            {0xd5033fbf, "dmb sy", FenceKind.FULL, true},
            {0xd5033abf, "dmb ishst", FenceKind.STORE_STORE, true},
            {0xd50339bf, "dmb ishld", FenceKind.LOAD_LOAD_STORE, true},
            {0xd50333bf, "dmb osh", FenceKind.FULL, true},
            {0xd50332bf, "dmb oshst", FenceKind.STORE_STORE, true},
            {0xd5033dbf, "dmb ld", FenceKind.LOAD_LOAD_STORE, true},
            {0xd50337bf, "dmb nsh", FenceKind.FULL, false},
        };
        for (Object[] c : cases) {
            Classification k = one((int) c[0], (String) c[1]);
            assertEquals(EnumSet.of(FENCE), k.kinds(), (String) c[1]);
            assertEquals(c[2], k.fence(), (String) c[1]);
            assertEquals(c[3], k.broadcast(), (String) c[1]);
            assertEquals(c[1], k.detail());
        }
    }

    @Test
    void dsbIsAFullFenceThatCompletesMaintenance() {
        for (Object[] c : new Object[][] {
            {0xd5033b9f, "dsb ish", true},
            {0xd5033f9f, "dsb sy", true},
            {0xd5033a9f, "dsb ishst", true},
            {0xd503379f, "dsb nsh", false},
        }) {
            Classification k = one((int) c[0], (String) c[1]);
            assertEquals(EnumSet.of(FENCE, SYNC_BARRIER), k.kinds(), (String) c[1]);
            assertEquals(FenceKind.FULL, k.fence(), (String) c[1]);
            assertEquals(c[2], k.broadcast(), (String) c[1]);
        }
        // dsb ishnxs (FEAT_XS): this capstone prints it as an msr, the encoding still says dsb.
        Classification nxs = one(0xd5033a3f, null);
        assertEquals(EnumSet.of(FENCE, SYNC_BARRIER), nxs.kinds());
        assertEquals("dsb ishnxs", nxs.detail());
    }

    @Test
    void isbAndClrex() {
        Classification isb = one(0xd5033fdf, "isb");
        assertEquals(EnumSet.of(FENCE), isb.kinds());
        assertEquals(FenceKind.INSTRUCTION, isb.fence());
        assertEquals(Classification.of(CLEAR_EXCLUSIVE, "clrex"), one(0xd5033f5f, "clrex"));
    }

    @Test
    void exclusives() {
        EnumSet<InsnKind> ld = EnumSet.of(LOAD_EXCLUSIVE), st = EnumSet.of(STORE_EXCLUSIVE);
        check(0xc85f7c20, "ldxr x0, [x1]", ld, RELAXED, "ldxr");
        check(0xc85ffc20, "ldaxr x0, [x1]", ld, ACQUIRE, "ldaxr");
        check(0x085f7c20, "ldxrb w0, [x1]", ld, RELAXED, "ldxrb");
        check(0x485ffc20, "ldaxrh w0, [x1]", ld, ACQUIRE, "ldaxrh");
        check(0xc87f0820, "ldxp x0, x2, [x1]", ld, RELAXED, "ldxp");
        check(0x887f8820, "ldaxp w0, w2, [x1]", ld, ACQUIRE, "ldaxp");
        check(0xc8037c20, "stxr w3, x0, [x1]", st, RELAXED, "stxr");
        check(0xc803fc20, "stlxr w3, x0, [x1]", st, RELEASE, "stlxr");
        check(0x08037c20, "stxrb w3, w0, [x1]", st, RELAXED, "stxrb");
        check(0x4803fc20, "stlxrh w3, w0, [x1]", st, RELEASE, "stlxrh");
        check(0xc8230820, "stxp w3, x0, x2, [x1]", st, RELAXED, "stxp");
        check(0xc8238820, "stlxp w3, x0, x2, [x1]", st, RELEASE, "stlxp");
    }

    @Test
    void loadAcquireStoreRelease() {
        EnumSet<InsnKind> la = EnumSet.of(LOAD_ACQUIRE), sr = EnumSet.of(STORE_RELEASE);
        check(0xc8dffc20, "ldar x0, [x1]", la, ACQUIRE, "ldar");
        check(0x08dffc20, "ldarb w0, [x1]", la, ACQUIRE, "ldarb");
        check(0x48dffc20, "ldarh w0, [x1]", la, ACQUIRE, "ldarh");
        check(0x88dffc20, "ldar w0, [x1]", la, ACQUIRE, "ldar");
        check(0xc89ffc20, "stlr x0, [x1]", sr, RELEASE, "stlr");
        check(0x089ffc20, "stlrb w0, [x1]", sr, RELEASE, "stlrb");
        check(0x489ffc20, "stlrh w0, [x1]", sr, RELEASE, "stlrh");
        assertFalse(one(0xc8dffc20, null).rcpc(), "ldar is RCsc");
    }

    @Test
    void rcpcAcquires() {
        EnumSet<InsnKind> la = EnumSet.of(LOAD_ACQUIRE);
        check(0xf8bfc020, "ldapr x0, [x1]", la, ACQUIRE, "ldapr");
        check(0x38bfc020, "ldaprb w0, [x1]", la, ACQUIRE, "ldaprb");
        check(0x78bfc020, "ldaprh w0, [x1]", la, ACQUIRE, "ldaprh");
        check(0xd9408020, "ldapur x0, [x1, #8]", la, ACQUIRE, "ldapur");
        check(0xd9008020, "stlur x0, [x1, #8]", EnumSet.of(STORE_RELEASE), RELEASE, "stlur");
        assertTrue(one(0xf8bfc020, null).rcpc());
        assertTrue(one(0xd9408020, null).rcpc());
    }

    @Test
    void lseAtomicsInEveryOrderingFlavour() {
        EnumSet<InsnKind> rmw = EnumSet.of(ATOMIC_RMW);
        check(0xf8200022, "ldadd x0, x2, [x1]", rmw, RELAXED, "ldadd");
        check(0xf8a00022, "ldadda x0, x2, [x1]", rmw, ACQUIRE, "ldadda");
        check(0xf8600022, "ldaddl x0, x2, [x1]", rmw, RELEASE, "ldaddl");
        check(0xf8e00022, "ldaddal x0, x2, [x1]", rmw, ACQ_REL, "ldaddal");
        check(0x38e00022, "ldaddalb w0, w2, [x1]", rmw, ACQ_REL, "ldaddalb");
        check(0x78200022, "ldaddh w0, w2, [x1]", rmw, RELAXED, "ldaddh");
        check(0xf8e01022, "ldclral x0, x2, [x1]", rmw, ACQ_REL, "ldclral");
        check(0xb8a02022, "ldeora w0, w2, [x1]", rmw, ACQUIRE, "ldeora");
        check(0xf8603022, "ldsetl x0, x2, [x1]", rmw, RELEASE, "ldsetl");
        check(0xf8204022, "ldsmax x0, x2, [x1]", rmw, RELAXED, "ldsmax");
        check(0xb8e05022, "ldsminal w0, w2, [x1]", rmw, ACQ_REL, "ldsminal");
        check(0xf8a06022, "ldumaxa x0, x2, [x1]", rmw, ACQUIRE, "ldumaxa");
        check(0xf8607022, "lduminl x0, x2, [x1]", rmw, RELEASE, "lduminl");
        check(0xf8208022, "swp x0, x2, [x1]", rmw, RELAXED, "swp");
        check(0xf8e08022, "swpal x0, x2, [x1]", rmw, ACQ_REL, "swpal");
        check(0xb8a08022, "swpa w0, w2, [x1]", rmw, ACQUIRE, "swpa");
        check(0x38608022, "swplb w0, w2, [x1]", rmw, RELEASE, "swplb");
        check(0xc8a07c22, "cas x0, x2, [x1]", rmw, RELAXED, "cas");
        check(0xc8e07c22, "casa x0, x2, [x1]", rmw, ACQUIRE, "casa");
        check(0xc8a0fc22, "casl x0, x2, [x1]", rmw, RELEASE, "casl");
        check(0xc8e0fc22, "casal x0, x2, [x1]", rmw, ACQ_REL, "casal");
        check(0x08e0fc22, "casalb w0, w2, [x1]", rmw, ACQ_REL, "casalb");
        check(0x48a07c22, "cash w0, w2, [x1]", rmw, RELAXED, "cash");
        check(0x48207c82, "casp x0, x1, x2, x3, [x4]", rmw, RELAXED, "casp");
        check(0x0860fc82, "caspal w0, w1, w2, w3, [x4]", rmw, ACQ_REL, "caspal");
    }

    @Test
    void lseStoreAliasesAreRelaxedOrRelease() {
        EnumSet<InsnKind> rmw = EnumSet.of(ATOMIC_RMW);
        check(0xf820003f, "stadd x0, [x1]", rmw, RELAXED, "stadd");
        check(0xf860003f, "staddl x0, [x1]", rmw, RELEASE, "staddl");
        check(0x3820103f, "stclrb w0, [x1]", rmw, RELAXED, "stclrb");
        check(0x7820203f, "steorh w0, [x1]", rmw, RELAXED, "steorh");
        check(0xb860303f, "stsetl w0, [x1]", rmw, RELEASE, "stsetl");
        check(0xf820403f, "stsmax x0, [x1]", rmw, RELAXED, "stsmax");
        check(0xf820703f, "stumin x0, [x1]", rmw, RELAXED, "stumin");
    }

    @Test
    void acquireIsLostWhenTheDestinationIsTheZeroRegister() {
        // The Arm ARM: "If the destination register is not one of WZR or XZR, ... acquire".
        EnumSet<InsnKind> rmw = EnumSet.of(ATOMIC_RMW);
        check(0xf8e0003f, "ldaddal x0, xzr, [x1]", rmw, RELEASE, "ldaddal");
        check(0xf8e0803f, "swpal x0, xzr, [x1]", rmw, RELEASE, "swpal");
        check(0xc8fffc22, "casal xzr, x2, [x1]", rmw, RELEASE, "casal");
    }

    @Test
    void tlbi() {
        Object[][] cases = {
            {0xd508831f, "tlbi vmalle1is", true},
            {0xd5088320, "tlbi vae1is, x0", true},
            {0xd50883a0, "tlbi vale1is, x0", true},
            {0xd5088340, "tlbi aside1is, x0", true},
            {0xd5088360, "tlbi vaae1is, x0", true},
            {0xd50883e0, "tlbi vaale1is, x0", true},
            {0xd508871f, "tlbi vmalle1", false},
            {0xd5088720, "tlbi vae1, x0", false},
            {0xd50887a0, "tlbi vale1, x0", false},
            {0xd5088740, "tlbi aside1, x0", false},
            {0xd5088760, "tlbi vaae1, x0", false},
            {0xd50887e0, "tlbi vaale1, x0", false},
            {0xd50c839f, "tlbi alle1is", true},
            {0xd50c871f, "tlbi alle2", false},
            {0xd50c83df, "tlbi vmalls12e1is", true},
            {0xd50c8020, "tlbi ipas2e1is, x0", true},
            {0xd5088120, "tlbi vae1os, x0", true},     // armv8.4-a
            {0xd5088220, "tlbi rvae1is, x0", true},
            {0xd508811f, "tlbi vmalle1os", true},
        };
        for (Object[] c : cases) {
            String text = (String) c[1];
            Classification k = one((int) c[0], text);
            assertEquals(EnumSet.of(TLB_MAINTENANCE), k.kinds(), text);
            assertEquals(c[2], k.broadcast(), text);
            assertEquals(text.split(",")[0], k.detail());
        }
        // tlbi vae1isnxs, x0 (FEAT_XS, CRn 9): made by hand, no capstone here decodes it.
        Classification nxs = CLS.classify(new Instruction(0, 4, Asm.words(0xd5089320), ".inst", "0xd5089320"));
        assertEquals("tlbi vae1isnxs", nxs.detail());
        assertTrue(nxs.broadcast());
    }

    @Test
    void translationControlRegisters() {
        EnumSet<InsnKind> tc = EnumSet.of(TRANSLATION_CONTROL);
        check(0xd5182000, "msr ttbr0_el1, x0", tc, RELAXED, "msr ttbr0_el1,x0");
        check(0xd5182021, "msr ttbr1_el1, x1", tc, RELAXED, "msr ttbr1_el1,x1");
        check(0xd5182042, "msr tcr_el1, x2", tc, RELAXED, "msr tcr_el1,x2");
        check(0xd5181003, "msr sctlr_el1, x3", tc, RELAXED, "msr sctlr_el1,x3");
        check(0xd518a204, "msr mair_el1, x4", tc, RELAXED, "msr mair_el1,x4");
        check(0xd500419f, "msr pan, #1", tc, RELAXED, "msr pan,#1");
        none(0xd518c000, "msr vbar_el1, x0");
        none(0xd518d080, "msr tpidr_el1, x0");
        none(0xd5382000, "mrs x0, ttbr0_el1");                  // reads change nothing
    }

    @Test
    void irqMasking() {
        EnumSet<InsnKind> irq = EnumSet.of(IRQ_MASK);
        check(0xd50342df, "msr daifset, #2", irq, RELAXED, "msr daifset,#2");
        check(0xd50342ff, "msr daifclr, #2", irq, RELAXED, "msr daifclr,#2");
        check(0xd5034fdf, "msr daifset, #0xf", irq, RELAXED, "msr daifset,#15");
        check(0xd51b4225, "msr daif, x5", irq, RELAXED, "msr daif,x5");
        none(0xd53b4220, "mrs x0, daif");
    }

    @Test
    void haltWaitAndEvents() {
        Classification wfi = one(0xd503207f, "wfi");
        assertEquals(EnumSet.of(HALT_WAIT), wfi.kinds());
        assertTrue(wfi.halts());
        Classification wfe = one(0xd503205f, "wfe");
        assertEquals(EnumSet.of(HALT_WAIT), wfe.kinds());
        assertFalse(wfe.halts(), "wfe may wake spuriously: a yield is a correct model");
        Classification yield = one(0xd503203f, "yield");
        assertEquals(EnumSet.of(HALT_WAIT), yield.kinds());
        assertFalse(yield.halts());
        assertEquals(Classification.of(EVENT_SIGNAL, "sev"), one(0xd503209f, "sev"));
        assertEquals(Classification.of(EVENT_SIGNAL, "sevl"), one(0xd50320bf, "sevl"));
        assertEquals(Classification.of(HALT_WAIT, "wfet"), one(0xd5031000, null));   // wfet x0 (armv8.7-a)
        none(0xd503201f, "nop");
    }

    @Test
    void eretAndHypercalls() {
        Classification eret = one(0xd69f03e0, "eret");
        assertEquals(EnumSet.of(EXCEPTION_RETURN, IRQ_MASK), eret.kinds());
        assertEquals("eret", eret.detail());
        assertEquals(Classification.of(HYPERCALL, "hvc #0"), one(0xd4000002, "hvc #0"));
        assertEquals(Classification.of(HYPERCALL, "hvc #77"), one(0xd40009a2, "hvc #0x4d"));
        none(0xd4000001, "svc #0");     // a system call is the guest kernel's own business
        none(0xd4000003, "smc #0");
        none(0xd4200000, "brk #0");
    }

    @Test
    void ordinaryInstructions() {
        none(0xf9400020, "ldr x0, [x1]");
        none(0xf9000020, "str x0, [x1]");
        none(0xa94007e0, "ldp x0, x1, [sp]");
        none(0x8b020020, "add x0, x1, x2");
        none(0x14000000, "b #0x4000");
        none(0x94000000, "bl #0x4000");
        none(0xd65f03c0, "ret");
        none(0xb4000000, "cbz x0, #0x4000");
        assertEquals(Classification.NONE, one(0xd50330ff, null));   // sb: speculation barrier, orders no access
    }
}
