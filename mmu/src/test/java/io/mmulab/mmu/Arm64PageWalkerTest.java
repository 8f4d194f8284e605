package io.mmulab.mmu;

import static io.mmulab.mmu.AccessType.FETCH;
import static io.mmulab.mmu.AccessType.READ;
import static io.mmulab.mmu.AccessType.WRITE;
import static io.mmulab.mmu.Arm64Descriptor.AF;
import static io.mmulab.mmu.Arm64Descriptor.AP_EL0;
import static io.mmulab.mmu.Arm64Descriptor.AP_RO;
import static io.mmulab.mmu.Arm64Descriptor.AP_TABLE_NO_EL0;
import static io.mmulab.mmu.Arm64Descriptor.AP_TABLE_RO;
import static io.mmulab.mmu.Arm64Descriptor.NG;
import static io.mmulab.mmu.Arm64Descriptor.PXN;
import static io.mmulab.mmu.Arm64Descriptor.PXN_TABLE;
import static io.mmulab.mmu.Arm64Descriptor.UXN;
import static io.mmulab.mmu.Arm64Descriptor.UXN_TABLE;
import static io.mmulab.mmu.Privilege.KERNEL;
import static io.mmulab.mmu.Privilege.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Arm64PageWalkerTest {
    private static final long LOW_VA = 0x0000_0040_0040_1ABCL;
    private static final long HIGH_VA = 0xFFFF_0000_0040_1ABCL;
    private static final long PAGE = 0x8000;

    @Test
    void pageWithHandComputedEntryAddressesAtT0sz25() {
        // T0SZ=25: 39-bit addresses, walk starts at level 1 with 9 index bits.
        // va 0x4512345abc: L1 index 0x114, L2 0x91, L3 0x145.
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        long t = Arm64Descriptor.TYPE_TABLE;
        mem.write64(0x1000 + 0x114 * 8, 0x2000 | t);
        mem.write64(0x2000 + 0x91 * 8, 0x3000 | t);
        mem.write64(0x3000 + 0x145 * 8, 0x8_5000L | AF | AP_EL0 | Arm64Descriptor.TYPE_PAGE);
        Arm64Regime regs = new Arm64Regime(Arm64Regime.SCTLR_M, Arm64Regime.tcr4k(25, 25), 0x1000, 0);
        WalkResult r = PageWalker.arm64(mem, regs).walk(0x45_1234_5ABCL, WRITE, USER);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x8_5ABCL, r.pa());
        assertEquals(4096, r.pageSize());
        assertEquals(List.of(
                new PageTableEntryRef(1, 0x1000 + 0x114 * 8, 0x2000 | t),
                new PageTableEntryRef(2, 0x2000 + 0x91 * 8, 0x3000 | t),
                new PageTableEntryRef(3, 0x3000 + 0x145 * 8, 0x8_5000L | AF | AP_EL0 | 0b11)), r.chain());
        assertEquals(new Permissions(true, true, true, true), r.perms());
        assertTrue(r.global());
    }

    @Test
    void fourLevelPageWalkFromLevelZero() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long leaf = t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF);
        WalkResult r = t.walker().walk(LOW_VA, READ, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(PAGE | 0xABC, r.pa());
        assertEquals(List.of(0, 1, 2, 3), r.chain().stream().map(PageTableEntryRef::level).toList());
        assertEquals(leaf, r.leaf().entryAddress());
        assertEquals(t.root0, r.chain().getFirst().entryAddress() & ~0xFFFL);
    }

    @Test
    void level2BlockMaps2MiB() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long va = 0x0000_0040_0020_0000L;
        t.mapBlock(va, 0x20_0000, 2, AF);
        WalkResult r = t.walker().walk(va + 0x1F_FFF8, READ, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x3F_FFF8, r.pa());
        assertEquals(2L << 20, r.pageSize());
        assertEquals(List.of(0, 1, 2), r.chain().stream().map(PageTableEntryRef::level).toList());
    }

    @Test
    void level1BlockMaps1GiB() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long va = 0xFFFF_8000_4000_0000L;
        t.mapBlock(va, 0, 1, AF);
        WalkResult r = t.walker().walk(va + 0x3F_0010, WRITE, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x3F_0010, r.pa());
        assertEquals(1L << 30, r.pageSize());
        assertEquals(1, r.leaf().level());
        assertEquals(t.root1, r.chain().getFirst().entryAddress() & ~0xFFFL, "upper half walks TTBR1");
    }

    @Test
    void blockAtLevel1WithT0sz25IsTheFirstDescriptor() {
        Arm64Tables t = Arm64Tables.small(25, 25);
        t.mapBlock(0x4000_0000L, 0, 1, AF);
        WalkResult r = t.walker().walk(0x4000_1234L, READ, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(1, r.chain().size());
        assertEquals(0x1234, r.pa());
    }

    @Test
    void blockOutputAddressBitsBelowTheBlockAreIgnored() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long va = 0x0000_0040_0020_0000L;
        t.mapBlock(va, 0x20_0000 | 0x1_0000, 2, AF); // bit 16 is RES0 (nT) in a 2 MiB block
        assertEquals(0x20_0004, t.walker().walk(va + 4, READ, KERNEL).pa());
    }

    @Test
    void ttbr0AndTtbr1AreSeparateTrees() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, 0x8000, AF);
        t.mapPage(HIGH_VA & ~0xFFFL, 0x9000, AF);
        PageWalker w = t.walker();
        assertEquals(0x8ABC, w.walk(LOW_VA, READ, KERNEL).pa());
        assertEquals(0x9ABC, w.walk(HIGH_VA, READ, KERNEL).pa());
        assertEquals(t.root1, w.walk(HIGH_VA, READ, KERNEL).chain().getFirst().entryAddress() & ~0xFFFL);
    }

    @ParameterizedTest
    @CsvSource({"16,0", "20,0", "24,0", "25,1", "30,1", "33,1", "34,2", "39,2"})
    void txszSetsRangeAndStartLevelInBothHalves(int txsz, int startLevel) {
        Arm64Tables t = Arm64Tables.small(txsz, txsz);
        long size = 1L << (64 - txsz);
        long lowTop = size - 4096;
        long highBottom = -size;
        t.mapPage(lowTop, 0x8000, AF);
        t.mapPage(highBottom, 0x9000, AF);
        PageWalker w = t.walker();

        WalkResult low = w.walk(lowTop + 0xFFF, READ, KERNEL);
        assertTrue(low.ok(), low::toString);
        assertEquals(0x8FFF, low.pa());
        assertEquals(startLevel, low.chain().getFirst().level());
        assertEquals(4 - startLevel, low.chain().size());
        // The start table is indexed by the bits left above the start level's shift.
        long shift = 12 + 9 * (3 - startLevel);
        assertEquals(t.root0 + (lowTop >>> shift) * 8, low.chain().getFirst().entryAddress());

        WalkResult high = w.walk(highBottom, READ, KERNEL);
        assertTrue(high.ok(), high::toString);
        assertEquals(0x9000, high.pa());
        assertEquals(t.root1, high.chain().getFirst().entryAddress());
        assertEquals(startLevel, high.chain().getFirst().level());

        WalkResult aboveLow = w.walk(size, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, aboveLow.fault());
        assertEquals(0, aboveLow.faultLevel());
        assertTrue(aboveLow.chain().isEmpty());
        assertEquals(FaultKind.ADDRESS_SIZE, w.walk(highBottom - 4096, READ, KERNEL).fault());
    }

    @Test
    void smallStartTableNeedOnlyBeAlignedToItsOwnSize() {
        // T0SZ=39: 25-bit addresses, the level-2 start table has 16 entries (128 bytes), so
        // TTBR0 may point at 0x1080. TTBR bit 0 (CnP) is not part of the address.
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        long va = 0x1A0_1234L; // L2 index 0xd, L3 index 0x1
        mem.write64(0x1080 + 0xd * 8, 0x3000 | Arm64Descriptor.TYPE_TABLE);
        mem.write64(0x3000 + 0x1 * 8, 0x7000 | AF | Arm64Descriptor.TYPE_PAGE);
        Arm64Regime regs = new Arm64Regime(Arm64Regime.SCTLR_M, Arm64Regime.tcr4k(39, 39), 0x1080 | 1, 0);
        WalkResult r = PageWalker.arm64(mem, regs).walk(va, READ, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x7234, r.pa());
        assertEquals(new PageTableEntryRef(2, 0x1080 + 0xd * 8, 0x3000 | Arm64Descriptor.TYPE_TABLE),
                r.chain().getFirst());
        // Address bits below the table's alignment are ignored (one of ARM's permitted choices).
        Arm64Regime misaligned = new Arm64Regime(Arm64Regime.SCTLR_M, Arm64Regime.tcr4k(39, 39), 0x1088, 0);
        assertEquals(0x7234, PageWalker.arm64(mem, misaligned).walk(va, READ, KERNEL).pa());
    }

    @Test
    void differentT0szAndT1szSplitTheSpaceUnevenly() {
        Arm64Tables t = Arm64Tables.small(25, 16);
        t.mapPage(0xFFFF_0000_0000_0000L, 0x9000, AF);
        t.mapPage(0x0000_0000_4000_0000L, 0x8000, AF);
        PageWalker w = t.walker();
        assertTrue(w.walk(0xFFFF_0000_0000_0000L, READ, KERNEL).ok(), "T1SZ=16 reaches 2^48 below the top");
        assertEquals(1, w.walk(0x4000_0000L, READ, KERNEL).chain().getFirst().level());
        assertEquals(FaultKind.ADDRESS_SIZE, w.walk(1L << 39, READ, KERNEL).fault(), "T0SZ=25 stops at 2^39");
    }

    @Test
    void txszOutsideTheSupportedRangeIsClamped() {
        assertEquals(16, Arm64PageWalker.clampTxsz(0));
        assertEquals(16, Arm64PageWalker.clampTxsz(12));
        assertEquals(39, Arm64PageWalker.clampTxsz(48));
        assertEquals(33, Arm64PageWalker.clampTxsz(33));
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF);
        Arm64Regime regs = new Arm64Regime(Arm64Regime.SCTLR_M, t.regime().tcr() & ~0x3FL, t.root0, t.root1);
        assertTrue(PageWalker.arm64(t.mem, regs).walk(LOW_VA, READ, KERNEL).ok(), "T0SZ=0 acts as 16");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void invalidDescriptorAtEachLevelIsATranslationFault(int level) {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF);
        t.modify(LOW_VA, level, 0, Arm64Descriptor.VALID);
        WalkResult r = t.walker().walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.TRANSLATION, r.fault());
        assertEquals(level, r.faultLevel());
        assertEquals(level + 1, r.chain().size());
        assertFalse(r.translated());
    }

    @Test
    void blockDescriptorAtLevel0IsInvalid() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mem.write64(t.entryAddress(LOW_VA, 0), AF | Arm64Descriptor.TYPE_BLOCK);
        WalkResult r = t.walker().walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.TRANSLATION, r.fault());
        assertEquals(0, r.faultLevel());
    }

    @Test
    void blockEncodingAtLevel3IsInvalid() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mem.write64(t.entryAddress(LOW_VA, 3), PAGE | AF | Arm64Descriptor.TYPE_BLOCK);
        WalkResult r = t.walker().walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.TRANSLATION, r.fault());
        assertEquals(3, r.faultLevel());
    }

    @Test
    void epd0DisablesLowWalksOnly() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, 0x8000, AF);
        t.mapPage(HIGH_VA & ~0xFFFL, 0x9000, AF);
        PageWalker w = t.walker(Arm64Regime.TCR_EPD0, 0);
        WalkResult r = w.walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.TRANSLATION, r.fault());
        assertEquals(0, r.faultLevel());
        assertTrue(r.chain().isEmpty());
        assertTrue(w.walk(HIGH_VA, READ, KERNEL).ok());
    }

    @Test
    void epd1DisablesHighWalksOnly() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, 0x8000, AF);
        t.mapPage(HIGH_VA & ~0xFFFL, 0x9000, AF);
        PageWalker w = t.walker(Arm64Regime.TCR_EPD1, 0);
        assertEquals(FaultKind.TRANSLATION, w.walk(HIGH_VA, READ, KERNEL).fault());
        assertTrue(w.walk(LOW_VA, READ, KERNEL).ok());
    }

    @ParameterizedTest(name = "AP={0} {1} {2} allowed={3}")
    @CsvSource({
            "0, KERNEL, READ, true", "0, KERNEL, WRITE, true", "0, USER, READ, false", "0, USER, WRITE, false",
            "1, KERNEL, READ, true", "1, KERNEL, WRITE, true", "1, USER, READ, true", "1, USER, WRITE, true",
            "2, KERNEL, READ, true", "2, KERNEL, WRITE, false", "2, USER, READ, false", "2, USER, WRITE, false",
            "3, KERNEL, READ, true", "3, KERNEL, WRITE, false", "3, USER, READ, true", "3, USER, WRITE, false"})
    void accessPermissionBits(int ap, Privilege priv, AccessType access, boolean allowed) {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | ((long) ap << 6));
        WalkResult r = t.walker().walk(LOW_VA, access, priv);
        assertEquals(allowed, r.ok(), r::toString);
        assertEquals(allowed ? FaultKind.NONE : FaultKind.PERMISSION, r.fault());
        assertEquals((ap & 1) != 0, r.perms().userAccessible());
        if (!allowed) {
            assertEquals(3, r.faultLevel());
            assertEquals(PAGE | 0xABC, r.pa(), "a permission fault still reports the translation");
        }
    }

    @Test
    void uxnStopsEl0FetchesOnly() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | AP_EL0 | AP_RO | UXN);
        assertEquals(FaultKind.PERMISSION, t.walker().walk(LOW_VA, FETCH, USER).fault());
        assertTrue(t.walker().walk(LOW_VA, FETCH, KERNEL).ok());
        assertTrue(t.walker().walk(LOW_VA, READ, USER).ok());
    }

    @Test
    void pxnStopsEl1FetchesOnly() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | AP_EL0 | AP_RO | PXN);
        assertEquals(FaultKind.PERMISSION, t.walker().walk(LOW_VA, FETCH, KERNEL).fault());
        assertTrue(t.walker().walk(LOW_VA, FETCH, USER).ok());
    }

    @Test
    void el0WritableMemoryIsNeverExecutableAtEl1() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | AP_EL0);
        assertEquals(FaultKind.PERMISSION, t.walker().walk(LOW_VA, FETCH, KERNEL).fault());
        assertTrue(t.walker().walk(LOW_VA, FETCH, USER).ok());
    }

    @Test
    void el0MayExecuteWhatItCannotRead() {
        // AP=00 with UXN clear: execute-only user memory (ARMv8.0 without EPAN).
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | PXN);
        assertTrue(t.walker().walk(LOW_VA, FETCH, USER).ok());
        assertEquals(FaultKind.PERMISSION, t.walker().walk(LOW_VA, READ, USER).fault());
    }

    @Test
    void accessFlagClearFaultsWithoutHardwareManagement() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AP_EL0);
        WalkResult r = t.walker().walk(LOW_VA, READ, USER);
        assertEquals(FaultKind.ACCESS_FLAG, r.fault());
        assertEquals(3, r.faultLevel());
        assertEquals(PAGE | 0xABC, r.pa());
        assertTrue(r.perms().read());
    }

    @Test
    void accessFlagFaultComesBeforePermissionFault() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AP_RO);
        assertEquals(FaultKind.ACCESS_FLAG, t.walker().walk(LOW_VA, WRITE, KERNEL).fault());
    }

    @Test
    void accessFlagOnABlockFaultsAtTheBlockLevel() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapBlock(0x4000_0000L, 0, 1, 0);
        WalkResult r = t.walker().walk(0x4000_0000L, READ, KERNEL);
        assertEquals(FaultKind.ACCESS_FLAG, r.fault());
        assertEquals(1, r.faultLevel());
    }

    @Test
    void hardwareAccessFlagWalkIsPureAndUpdateSetsAf() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long leaf = t.mapPage(LOW_VA & ~0xFFFL, PAGE, AP_EL0);
        List<Long> tablesBefore = List.of(t.entry(LOW_VA, 0), t.entry(LOW_VA, 1), t.entry(LOW_VA, 2));
        PageWalker w = t.walker(Arm64Regime.TCR_HA, 0);
        assertTrue(w.walk(LOW_VA, READ, USER).ok());
        assertEquals(0, t.mem.read64(leaf) & AF, "walk changes nothing");
        WalkResult r = w.walkAndUpdate(LOW_VA, READ, USER);
        assertTrue(r.ok());
        assertEquals(AF, t.mem.read64(leaf) & AF);
        assertEquals(t.mem.read64(leaf), r.leaf().value());
        assertEquals(tablesBefore, List.of(t.entry(LOW_VA, 0), t.entry(LOW_VA, 1), t.entry(LOW_VA, 2)),
                "table descriptors have no AF to set");
    }

    @Test
    void walkAndUpdateWithoutHaLeavesAfClearAndFaults() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long leaf = t.mapPage(LOW_VA & ~0xFFFL, PAGE, 0);
        WalkResult r = t.walker().walkAndUpdate(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.ACCESS_FLAG, r.fault());
        assertEquals(0, t.mem.read64(leaf) & AF);
    }

    @Test
    void walkAndUpdateSetsAfOnABlock() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long leaf = t.mapBlock(0x20_0000L, 0x20_0000, 2, 0);
        assertTrue(t.walker(Arm64Regime.TCR_HA, 0).walkAndUpdate(0x20_0010L, WRITE, KERNEL).ok());
        assertEquals(AF, t.mem.read64(leaf) & AF);
    }

    @Test
    void walkAndUpdateDoesNotSetAfOnAPermissionFault() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long leaf = t.mapPage(LOW_VA & ~0xFFFL, PAGE, AP_RO);
        WalkResult r = t.walker(Arm64Regime.TCR_HA, 0).walkAndUpdate(LOW_VA, WRITE, KERNEL);
        assertEquals(FaultKind.PERMISSION, r.fault());
        assertEquals(0, t.mem.read64(leaf) & AF);
    }

    @Test
    void notGlobalEntriesCarryTheTtbr0Asid() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | NG);
        t.mapPage(HIGH_VA & ~0xFFFL, 0x9000, AF);
        PageWalker w16 = PageWalker.arm64(t.mem, t.regime(Arm64Regime.TCR_AS, 0, 0x1234, 0x5678));
        WalkResult r = w16.walk(LOW_VA, READ, KERNEL);
        assertFalse(r.global());
        assertEquals(0x1234, r.asidOrPcid());
        assertTrue(w16.walk(HIGH_VA, READ, KERNEL).global());
        PageWalker w8 = PageWalker.arm64(t.mem, t.regime(0, 0, 0x1234, 0x5678));
        assertEquals(0x34, w8.walk(LOW_VA, READ, KERNEL).asidOrPcid(), "8-bit ASIDs when TCR.AS is clear");
    }

    @Test
    void tcrA1TakesTheAsidFromTtbr1() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | NG);
        PageWalker w = PageWalker.arm64(t.mem,
                t.regime(Arm64Regime.TCR_AS | Arm64Regime.TCR_A1, 0, 0x1234, 0x5678));
        WalkResult r = w.walk(LOW_VA, READ, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x5678, r.asidOrPcid());
        assertEquals(t.root0, r.chain().getFirst().entryAddress() & ~0xFFFL, "ASID bits are not part of the base");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void apTableNoEl0HidesEverythingBelow(int level) {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | AP_EL0);
        t.modify(LOW_VA, level, AP_TABLE_NO_EL0, 0);
        PageWalker w = t.walker();
        WalkResult r = w.walk(LOW_VA, READ, USER);
        assertEquals(FaultKind.PERMISSION, r.fault());
        assertFalse(r.perms().userAccessible());
        assertTrue(w.walk(LOW_VA, WRITE, KERNEL).ok());
        // No longer EL0-writable, so no longer implicitly privileged-execute-never.
        assertTrue(w.walk(LOW_VA, FETCH, KERNEL).ok());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void apTableReadOnlyStopsWritesAtEveryLevel(int level) {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | AP_EL0);
        t.modify(LOW_VA, level, AP_TABLE_RO, 0);
        PageWalker w = t.walker();
        assertEquals(FaultKind.PERMISSION, w.walk(LOW_VA, WRITE, KERNEL).fault());
        assertEquals(FaultKind.PERMISSION, w.walk(LOW_VA, WRITE, USER).fault());
        assertTrue(w.walk(LOW_VA, READ, USER).ok());
    }

    @Test
    void pxnTableAndUxnTableApplyBelow() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | AP_EL0 | AP_RO);
        t.modify(LOW_VA, 1, PXN_TABLE, 0);
        assertEquals(FaultKind.PERMISSION, t.walker().walk(LOW_VA, FETCH, KERNEL).fault());
        assertTrue(t.walker().walk(LOW_VA, FETCH, USER).ok());
        t.modify(LOW_VA, 1, UXN_TABLE, PXN_TABLE);
        assertEquals(FaultKind.PERMISSION, t.walker().walk(LOW_VA, FETCH, USER).fault());
        assertTrue(t.walker().walk(LOW_VA, FETCH, KERNEL).ok());
    }

    @Test
    void hpd0DisablesTableControlsInTheLowHalfOnly() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, PAGE, AF | AP_EL0);
        t.mapPage(HIGH_VA & ~0xFFFL, 0x9000, AF | AP_EL0);
        t.modify(LOW_VA, 0, AP_TABLE_NO_EL0, 0);
        t.modify(HIGH_VA, 0, AP_TABLE_NO_EL0, 0);
        PageWalker w = t.walker(Arm64Regime.TCR_HPD0, 0);
        assertTrue(w.walk(LOW_VA, READ, USER).ok());
        assertEquals(FaultKind.PERMISSION, w.walk(HIGH_VA, READ, USER).fault());
    }

    @Test
    void wxnMakesWritableMemoryExecuteNever() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        long rw = 0x0000_0000_0040_0000L;
        long ro = 0x0000_0000_0040_1000L;
        long userRw = 0x0000_0000_0040_2000L;
        long userRo = 0x0000_0000_0040_3000L;
        t.mapPage(rw, PAGE, AF);
        t.mapPage(ro, PAGE, AF | AP_RO);
        t.mapPage(userRw, PAGE, AF | AP_EL0);
        t.mapPage(userRo, PAGE, AF | AP_EL0 | AP_RO);
        assertTrue(t.walker().walk(rw, FETCH, KERNEL).ok(), "without WXN");
        PageWalker w = t.walker(0, Arm64Regime.SCTLR_WXN);
        assertEquals(FaultKind.PERMISSION, w.walk(rw, FETCH, KERNEL).fault());
        assertTrue(w.walk(ro, FETCH, KERNEL).ok());
        assertEquals(FaultKind.PERMISSION, w.walk(userRw, FETCH, USER).fault());
        assertTrue(w.walk(userRo, FETCH, USER).ok());
    }

    @Test
    void topByteIgnoreAcceptsTaggedAddresses() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, 0x8000, AF);
        t.mapPage(0xFFFF_FFFF_FFFF_F000L, 0x9000, AF);
        long taggedLow = 0x5A00_0000_0000_0000L | LOW_VA;
        long taggedHigh = 0x12FF_FFFF_FFFF_F010L;
        assertEquals(FaultKind.ADDRESS_SIZE, t.walker().walk(taggedLow, READ, KERNEL).fault());
        PageWalker w = t.walker(Arm64Regime.TCR_TBI0 | Arm64Regime.TCR_TBI1, 0);
        WalkResult low = w.walk(taggedLow, READ, KERNEL);
        assertTrue(low.ok(), low::toString);
        assertEquals(0x8ABC, low.pa());
        assertEquals(taggedLow, low.va());
        assertEquals(0x9010, w.walk(taggedHigh, READ, KERNEL).pa());
        assertEquals(FaultKind.ADDRESS_SIZE, t.walker(Arm64Regime.TCR_TBI0, 0).walk(taggedHigh, READ, KERNEL).fault(),
                "TBI0 does not cover the upper half");
    }

    @Test
    void mmuOffIsIdentity() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        PageWalker w = PageWalker.arm64(mem, new Arm64Regime(0, 0, 0, 0));
        WalkResult r = w.walk(0xF_FFF8, FETCH, KERNEL);
        assertTrue(r.ok());
        assertEquals(0xF_FFF8, r.pa());
        assertEquals(FaultKind.ADDRESS_SIZE, w.walk(1 << 20, READ, KERNEL).fault());
        assertEquals(FaultKind.ADDRESS_SIZE, w.walk(HIGH_VA, READ, KERNEL).fault());
    }

    @Test
    void ttbrOutsideMemoryIsAnAddressSizeFaultAtLevel0() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        Arm64Regime regs = new Arm64Regime(Arm64Regime.SCTLR_M, Arm64Regime.tcr4k(16, 16), 1 << 20, 0);
        WalkResult r = PageWalker.arm64(mem, regs).walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(0, r.faultLevel());
    }

    @Test
    void tableDescriptorPointingOutsideMemoryIsBlamedOnIt() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mem.write64(t.entryAddress(LOW_VA, 1), 0x4000_0000L | Arm64Descriptor.TYPE_TABLE);
        WalkResult r = t.walker().walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(1, r.faultLevel());
        assertEquals(2, r.chain().size());
    }

    @Test
    void leafOutsideMemoryIsAnAddressSizeFaultWithThePa() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, 0x1_0000_0000L, AF);
        WalkResult r = t.walker().walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(3, r.faultLevel());
        assertEquals(0x1_0000_0ABCL, r.pa());
    }

    @Test
    void outputAddressBeyondTcrIpsIsAnAddressSizeFault() {
        // 8 GiB of sparse memory: a page at 5 GiB exists but is out of reach with IPS = 32 bits.
        SegmentPhysicalMemory big = SegmentPhysicalMemory.allocate(8L << 30);
        assumeTrue(big.isAnonymousMapping(), "needs lazily committed memory");
        Arm64Tables t = new Arm64Tables(big, 1 << 20, 16, 16);
        t.mapPage(LOW_VA & ~0xFFFL, 5L << 30, AF);
        long ipsMask = 0b111L << Arm64Regime.TCR_IPS_SHIFT;
        Arm64Regime ips48 = t.regime();
        Arm64Regime ips32 = new Arm64Regime(ips48.sctlr(), ips48.tcr() & ~ipsMask, ips48.ttbr0(), ips48.ttbr1());
        assertEquals(32, ips32.physicalAddressBits());
        assertEquals(48, ips48.physicalAddressBits());
        assertTrue(PageWalker.arm64(big, ips48).walk(LOW_VA, READ, KERNEL).ok());
        WalkResult r = PageWalker.arm64(big, ips32).walk(LOW_VA, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(3, r.faultLevel());
    }

    @Test
    void onlyThe4KGranuleIsAccepted() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        long tcr64kLow = Arm64Regime.tcr4k(16, 16) | (0b01L << Arm64Regime.TCR_TG0_SHIFT);
        assertThrows(IllegalArgumentException.class,
                () -> PageWalker.arm64(mem, new Arm64Regime(Arm64Regime.SCTLR_M, tcr64kLow, 0, 0)));
        long tcr16kHigh = Arm64Regime.tcr4k(16, 16) & ~(0b11L << Arm64Regime.TCR_TG1_SHIFT)
                | (0b01L << Arm64Regime.TCR_TG1_SHIFT);
        assertThrows(IllegalArgumentException.class,
                () -> PageWalker.arm64(mem, new Arm64Regime(Arm64Regime.SCTLR_M, tcr16kHigh, 0, 0)));
        // A disabled half's granule does not matter, nor does anything while the MMU is off.
        PageWalker.arm64(mem, new Arm64Regime(Arm64Regime.SCTLR_M, tcr16kHigh | Arm64Regime.TCR_EPD1, 0, 0));
        PageWalker.arm64(mem, new Arm64Regime(0, tcr64kLow, 0, 0));
    }
}
