package io.mmulab.mmu.tlb;

import static io.mmulab.mmu.Privilege.KERNEL;
import static io.mmulab.mmu.Privilege.USER;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.ASIDE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.RVAAE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.RVAE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.VAAE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.VAALE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.VAE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.VALE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.VMALLE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.rangeOperand;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.vaOperand;
import static io.mmulab.mmu.tlb.PageTables.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.mmu.Arm64Descriptor;
import io.mmulab.mmu.PageWalker;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlbArm64Test {
    private static final long UVA = 0x0000_0040_0040_1000L;
    private static final long KVA = 0xFFFF_8000_0040_1000L;
    /** EL0 read/write, not global: a user page. */
    private static final long USER_PAGE = Arm64Descriptor.AP_EL0 | Arm64Descriptor.NG;
    private static final long P1 = 0x10_0000;
    private static final long P2 = 0x11_0000;

    private final PageTables.Arm64 t = new PageTables.Arm64();
    private final long rootA = t.newTable();
    private final long rootB = t.newTable();
    private final PageWalker asid5 = t.walker(rootA, 5);
    private final PageWalker asid6 = t.walker(rootB, 6);
    private final Tlb tlb = new Tlb(0, 64);
    private long ueA;
    private long ueB;
    private long ke;

    /** UVA in ASID 5 and ASID 6 and the global KVA, all cached as P1 and then remapped to P2. */
    private void cacheThenRemap() {
        ueA = t.map(rootA, UVA, P1, 3, USER_PAGE);
        ueB = t.map(rootB, UVA, P1, 3, USER_PAGE);
        ke = t.map(t.kernelRoot, KVA, P1, 3, 0);
        assertEquals(P1, access(tlb, asid5, UVA, 5, USER, 1).pa());
        assertEquals(P1, access(tlb, asid6, UVA, 6, USER, 2).pa());
        assertEquals(P1, access(tlb, asid5, KVA, 5, KERNEL, 3).pa());
        assertTrue(tlb.lookup(KVA, 5, KERNEL).global());
        t.write(ueA, P2 | USER_PAGE | Arm64Descriptor.AF | 0b11);
        t.write(ueB, P2 | USER_PAGE | Arm64Descriptor.AF | 0b11);
        t.write(ke, P2 | Arm64Descriptor.AF | 0b11);
        assertEquals(3, tlb.size());
    }

    @ParameterizedTest
    @EnumSource(names = {"VAE1", "VALE1"})
    void vae1DropsOnlyThatVaInThatAsid(Arm64TlbiOp op) {
        cacheThenRemap();
        assertEquals(P1, access(tlb, asid5, UVA, 5, USER, 4).pa(), "stale until invalidated");
        assertFalse(tlb.arm64Tlbi(op, vaOperand(UVA, 7)), "another ASID");
        assertFalse(tlb.arm64Tlbi(op, vaOperand(UVA + 0x1000, 5)), "another VA");
        assertTrue(tlb.arm64Tlbi(op, vaOperand(UVA + 0x800, 5)));
        assertNull(tlb.lookup(UVA, 5, USER));
        assertEquals(P1, tlb.lookup(UVA, 6, USER).pa(), "ASID 6's entry survives");
        assertEquals(P2, access(tlb, asid5, UVA, 5, USER, 5).pa());
    }

    @ParameterizedTest
    @EnumSource(names = {"VAE1", "VALE1"})
    void vae1DropsAGlobalEntryWhateverTheAsid(Arm64TlbiOp op) {
        cacheThenRemap();
        assertTrue(tlb.arm64Tlbi(op, vaOperand(KVA, 42)));
        assertNull(tlb.lookup(KVA, 5, KERNEL));
        assertEquals(2, tlb.size());
    }

    @ParameterizedTest
    @EnumSource(names = {"VAAE1", "VAALE1"})
    void vaae1DropsThatVaInEveryAsid(Arm64TlbiOp op) {
        cacheThenRemap();
        assertFalse(tlb.arm64Tlbi(op, vaOperand(UVA + 0x1000, 0)));
        assertTrue(tlb.arm64Tlbi(op, vaOperand(UVA, 0)));
        assertNull(tlb.lookup(UVA, 5, USER));
        assertNull(tlb.lookup(UVA, 6, USER));
        assertNotNull(tlb.lookup(KVA, 5, KERNEL));
        assertTrue(tlb.arm64Tlbi(op, vaOperand(KVA, 0)));
        assertEquals(0, tlb.size());
    }

    @Test
    void aside1DropsNonGlobalEntriesOfThatAsidOnly() {
        cacheThenRemap();
        assertFalse(tlb.arm64Tlbi(ASIDE1, 7L << 48));
        assertTrue(tlb.arm64Tlbi(ASIDE1, 5L << 48));
        assertNull(tlb.lookup(UVA, 5, USER));
        assertEquals(P1, tlb.lookup(UVA, 6, USER).pa());
        assertEquals(P1, tlb.lookup(KVA, 5, KERNEL).pa(), "global entries survive ASIDE1");
    }

    @Test
    void vmalle1DropsEverythingAndIgnoresXt() {
        cacheThenRemap();
        assertTrue(tlb.arm64Tlbi(VMALLE1, 0xDEAD_BEEFL));
        assertEquals(0, tlb.size());
        assertFalse(tlb.arm64Tlbi(VMALLE1, 0));
    }

    @Test
    void blocksAreInvalidatedThroughAnyPageInside() {
        long va2m = 0x0000_0040_0060_0000L;
        long va1g = 0xFFFF_8000_4000_0000L;
        t.map(rootA, va2m, 0x20_0000, 2, USER_PAGE);
        t.map(t.kernelRoot, va1g, 0, 1, 0);
        TlbEntry b2m = access(tlb, asid5, va2m + 0x1_0000, 5, USER, 1);
        TlbEntry b1g = access(tlb, asid5, va1g, 5, KERNEL, 2);
        assertEquals(2L << 20, b2m.pageSize());
        assertEquals(1L << 30, b1g.pageSize());
        assertEquals(b2m, tlb.lookup(va2m + 0x1F_F000, 5, USER));
        assertEquals(b1g, tlb.lookup(va1g + 0x3FFF_F000L, 6, KERNEL));

        assertFalse(tlb.arm64Tlbi(VAE1, vaOperand(va2m + 0x20_0000, 5)), "just past the block");
        assertTrue(tlb.arm64Tlbi(VALE1, vaOperand(va2m + 0x12_3000, 5)));
        assertTrue(tlb.arm64Tlbi(VAALE1, vaOperand(va1g + 0x2345_6000L, 0)));
        assertEquals(0, tlb.size());
    }

    @Test
    void rangeOpsDropEntriesOverlappingTheRange() {
        for (int i = 0; i < 4; i++) {
            t.map(rootA, UVA + i * 0x1000L, P1 + i * 0x1000L, 3, USER_PAGE);
            access(tlb, asid5, UVA + i * 0x1000L, 5, USER, i);
        }
        t.map(rootB, UVA + 0x1000, P1, 3, USER_PAGE);
        access(tlb, asid6, UVA + 0x1000, 6, USER, 9);
        // NUM=0, SCALE=0: (0+1) * 2^1 = 2 pages from UVA+0x1000.
        assertEquals(0x2000, Arm64TlbiOp.rangeLength(rangeOperand(UVA + 0x1000, 0, 0, 5)));
        assertFalse(tlb.arm64Tlbi(RVAE1, rangeOperand(UVA + 0x1000, 0, 0, 7)));
        assertTrue(tlb.arm64Tlbi(RVAE1, rangeOperand(UVA + 0x1000, 0, 0, 5)));
        assertNotNull(tlb.lookup(UVA, 5, USER));
        assertNull(tlb.lookup(UVA + 0x1000, 5, USER));
        assertNull(tlb.lookup(UVA + 0x2000, 5, USER));
        assertNotNull(tlb.lookup(UVA + 0x3000, 5, USER));
        assertNotNull(tlb.lookup(UVA + 0x1000, 6, USER), "another ASID survives RVAE1");
        assertTrue(tlb.arm64Tlbi(RVAAE1, rangeOperand(UVA, 1, 0, 0)));
        assertEquals(0, tlb.size());
    }

    @Test
    void rangeOverAKernelBlockSignExtendsTheBase() {
        long va2m = 0xFFFF_8000_0020_0000L;
        t.map(t.kernelRoot, va2m, 0x20_0000, 2, 0);
        access(tlb, asid5, va2m, 5, KERNEL, 1);
        long xt = rangeOperand(va2m + 0x1F_F000, 0, 0, 0); // overlaps the block's last page only
        assertEquals(va2m + 0x1F_F000, Arm64TlbiOp.rangeStart(xt));
        assertTrue(tlb.arm64Tlbi(RVAE1, xt));
        assertEquals(0, tlb.size());
    }

    @Test
    void vaOperandRoundTripsBothHalves() {
        assertEquals(UVA, Arm64TlbiOp.vaOf(vaOperand(UVA, 5)));
        assertEquals(KVA, Arm64TlbiOp.vaOf(vaOperand(KVA, 5)));
        assertEquals(0xFFFF, Arm64TlbiOp.asidOf(vaOperand(KVA, 0xFFFF)));
        assertEquals(KVA, Arm64TlbiOp.vaOf(vaOperand(KVA, 3) | (0xAL << 44)), "TTL hint bits are not address bits");
    }

    @Test
    void parseMnemonics() {
        assertEquals(Optional.of(new Arm64TlbiOp.Parsed(VAE1, true)), Arm64TlbiOp.parse("vae1is"));
        assertEquals(Optional.of(new Arm64TlbiOp.Parsed(VMALLE1, false)), Arm64TlbiOp.parse("vmalle1"));
        assertEquals(Optional.of(new Arm64TlbiOp.Parsed(VAALE1, true)), Arm64TlbiOp.parse("VAALE1OS"));
        assertEquals(Optional.of(new Arm64TlbiOp.Parsed(ASIDE1, true)), Arm64TlbiOp.parse("aside1isnxs"));
        assertEquals(Optional.of(new Arm64TlbiOp.Parsed(RVAAE1, false)), Arm64TlbiOp.parse("rvaae1"));
        assertEquals(Optional.empty(), Arm64TlbiOp.parse("alle2is"));
        assertEquals(Optional.empty(), Arm64TlbiOp.parse("vae"));
        assertEquals("vale1is", VALE1.mnemonic(true));
        assertTrue(VAAE1.allAsids());
        assertFalse(VAE1.allAsids());
    }
}
