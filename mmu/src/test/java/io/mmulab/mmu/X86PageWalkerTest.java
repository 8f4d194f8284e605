package io.mmulab.mmu;

import static io.mmulab.mmu.AccessType.FETCH;
import static io.mmulab.mmu.AccessType.READ;
import static io.mmulab.mmu.AccessType.WRITE;
import static io.mmulab.mmu.Privilege.KERNEL;
import static io.mmulab.mmu.Privilege.USER;
import static io.mmulab.mmu.X86Pte.A;
import static io.mmulab.mmu.X86Pte.D;
import static io.mmulab.mmu.X86Pte.G;
import static io.mmulab.mmu.X86Pte.NX;
import static io.mmulab.mmu.X86Pte.P;
import static io.mmulab.mmu.X86Pte.PS;
import static io.mmulab.mmu.X86Pte.RW;
import static io.mmulab.mmu.X86Pte.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class X86PageWalkerTest {
    private static final long USER_VA = 0x0000_7F12_3456_7ABCL;
    private static final long KERNEL_VA = 0xFFFF_8880_0010_2345L;
    private static final long CR0_ON = X86Regime.CR0_PG | X86Regime.CR0_WP | 1;
    private static final long CR4_ON = X86Regime.CR4_PAE | X86Regime.CR4_PGE;
    private static final long EFER_ON = X86Regime.EFER_LME | X86Regime.EFER_NXE;

    @Test
    void fourKilobytePageWithHandComputedEntryAddresses() {
        // Everything at fixed addresses, indices worked out by hand for USER_VA:
        // PML4 0xfe, PDPT 0x48, PD 0x1a2, PT 0x167, offset 0xabc.
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        mem.write64(0x1000 + 0xfe * 8, 0x2000 | P | RW | US);
        mem.write64(0x2000 + 0x48 * 8, 0x3000 | P | RW | US);
        mem.write64(0x3000 + 0x1a2 * 8, 0x4000 | P | RW | US);
        mem.write64(0x4000 + 0x167 * 8, 0x8_5000L | P | RW | US);
        WalkResult r = PageWalker.x86(mem, X86Regime.longMode(0x1000)).walk(USER_VA, READ, USER);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x8_5ABCL, r.pa());
        assertEquals(4096, r.pageSize());
        assertEquals(FaultKind.NONE, r.fault());
        assertEquals(-1, r.faultLevel());
        assertEquals(List.of(
                new PageTableEntryRef(4, 0x1000 + 0xfe * 8, 0x2000 | P | RW | US),
                new PageTableEntryRef(3, 0x2000 + 0x48 * 8, 0x3000 | P | RW | US),
                new PageTableEntryRef(2, 0x3000 + 0x1a2 * 8, 0x4000 | P | RW | US),
                new PageTableEntryRef(1, 0x4000 + 0x167 * 8, 0x8_5000L | P | RW | US)), r.chain());
        assertEquals(new Permissions(true, true, true, true), r.perms());
        assertEquals(0x8_5000L, r.pageBase());
        assertEquals(r.chain().get(3), r.leaf());
    }

    @Test
    void twoMegabytePageUsesPsInThePd() {
        X86Tables t = X86Tables.small();
        long va = 0x0000_0040_0020_0000L; // 2 MiB aligned
        long leaf = t.map(va, 0x20_0000, 2, P | RW);
        WalkResult r = t.walker().walk(va + 0x12_3456, READ, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x20_0000 + 0x12_3456, r.pa());
        assertEquals(2L << 20, r.pageSize());
        assertEquals(3, r.chain().size());
        assertEquals(2, r.leaf().level());
        assertEquals(leaf, r.leaf().entryAddress());
        assertTrue((r.leaf().value() & PS) != 0);
    }

    @Test
    void oneGigabytePageUsesPsInThePdpt() {
        X86Tables t = X86Tables.small();
        long va = 0xFFFF_8880_0000_0000L; // 1 GiB aligned, high half
        t.map(va, 0, 3, P | RW);
        WalkResult r = t.walker().walk(va + 0x3F_5678, WRITE, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x3F_5678, r.pa());
        assertEquals(1L << 30, r.pageSize());
        assertEquals(2, r.chain().size());
        assertEquals(3, r.leaf().level());
    }

    @Test
    void oneGigabytePageBeyondMemoryMapsLowPartOnly() {
        // A 1 GiB direct map over 4 MiB of RAM: addresses inside RAM work, the rest is reported.
        X86Tables t = X86Tables.small();
        long va = 0xFFFF_8880_0000_0000L;
        t.map(va, 0, 3, P | RW);
        assertTrue(t.walker().walk(va + (4 << 20) - 1, READ, KERNEL).ok());
        WalkResult r = t.walker().walk(va + (4 << 20), READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(3, r.faultLevel());
        assertEquals(4 << 20, r.pa(), "the out-of-memory target is still reported");
    }

    @Test
    void patBitOfALargePageIsNotPartOfTheAddress() {
        X86Tables t = X86Tables.small();
        long va = 0x4000_0000L;
        t.map(va, 0x20_0000 | X86Pte.PAT_LARGE, 2, P | RW);
        WalkResult r = t.walker().walk(va + 5, READ, KERNEL);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x20_0005, r.pa());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 3, 2, 1})
    void notPresentAtEachLevelIsATranslationFault(int level) {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        t.modify(USER_VA, level, 0, P);
        WalkResult r = t.walker().walk(USER_VA, READ, USER);
        assertFalse(r.ok());
        assertEquals(FaultKind.TRANSLATION, r.fault());
        assertEquals(level, r.faultLevel());
        assertEquals(5 - level, r.chain().size(), "the walk stops at the non-present entry");
        assertEquals(0, r.leaf().value() & P);
        assertFalse(r.translated());
        assertEquals(-1, r.pa());
    }

    @Test
    void emptyTablesFaultAtThePml4() {
        X86Tables t = X86Tables.small();
        WalkResult r = t.walker().walk(KERNEL_VA, READ, KERNEL);
        assertEquals(FaultKind.TRANSLATION, r.fault());
        assertEquals(4, r.faultLevel());
        assertEquals(t.root + X86Tables.index(KERNEL_VA, 4) * 8, r.chain().getFirst().entryAddress());
    }

    @Test
    void readOnlyLeafRefusesUserWritesAndAllowsReads() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | US);
        PageWalker w = t.walker();
        assertTrue(w.walk(USER_VA, READ, USER).ok());
        WalkResult r = w.walk(USER_VA, WRITE, USER);
        assertEquals(FaultKind.PERMISSION, r.fault());
        assertEquals(1, r.faultLevel());
        assertEquals(new Permissions(true, false, true, true), r.perms());
        assertEquals(0x8ABC, r.pa(), "a permission fault still reports the translation");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 3, 2})
    void readOnlyAtAnUpperLevelMakesThePageReadOnly(int level) {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        t.modify(USER_VA, level, 0, RW);
        WalkResult r = t.walker().walk(USER_VA, WRITE, USER);
        assertEquals(FaultKind.PERMISSION, r.fault());
        assertFalse(r.perms().write());
    }

    @Test
    void supervisorPageRefusesUserAccessOnly() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW);
        PageWalker w = t.walker();
        WalkResult u = w.walk(KERNEL_VA, READ, USER);
        assertEquals(FaultKind.PERMISSION, u.fault());
        assertEquals(Permissions.NONE, u.perms());
        WalkResult k = w.walk(KERNEL_VA, WRITE, KERNEL);
        assertTrue(k.ok());
        assertFalse(k.perms().userAccessible());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 3, 2})
    void supervisorAtAnUpperLevelHidesTheUserPage(int level) {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        t.modify(USER_VA, level, 0, US);
        WalkResult r = t.walker().walk(USER_VA, READ, USER);
        assertEquals(FaultKind.PERMISSION, r.fault());
        assertFalse(r.perms().userAccessible());
    }

    @Test
    void nxLeafRefusesFetchesOnly() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US | NX);
        PageWalker w = t.walker();
        assertTrue(w.walk(USER_VA, READ, USER).ok());
        assertTrue(w.walk(USER_VA, WRITE, USER).ok());
        assertEquals(FaultKind.PERMISSION, w.walk(USER_VA, FETCH, USER).fault());
        assertEquals(FaultKind.PERMISSION, w.walk(USER_VA, FETCH, KERNEL).fault());
        assertFalse(w.walk(USER_VA, READ, KERNEL).perms().executable());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 3, 2})
    void nxAtAnUpperLevelAppliesToThePage(int level) {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW);
        assertTrue(t.walker().walk(KERNEL_VA, FETCH, KERNEL).ok());
        t.modify(KERNEL_VA, level, NX, 0);
        assertEquals(FaultKind.PERMISSION, t.walker().walk(KERNEL_VA, FETCH, KERNEL).fault());
    }

    @Test
    void nxBitWithoutEferNxeIsReserved() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW | NX);
        WalkResult r = t.walker(CR0_ON, CR4_ON, X86Regime.EFER_LME).walk(KERNEL_VA, READ, KERNEL);
        assertEquals(FaultKind.RESERVED, r.fault());
        assertEquals(1, r.faultLevel());
    }

    @Test
    void withoutNxeEverythingPresentIsExecutable() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW);
        WalkResult r = t.walker(CR0_ON, CR4_ON, X86Regime.EFER_LME).walk(KERNEL_VA, FETCH, KERNEL);
        assertTrue(r.ok(), r::toString);
    }

    @Test
    void supervisorWriteToReadOnlyPageFaultsOnlyWithCr0Wp() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P);
        WalkResult withWp = t.walker(CR0_ON, CR4_ON, EFER_ON).walk(KERNEL_VA, WRITE, KERNEL);
        assertEquals(FaultKind.PERMISSION, withWp.fault());
        assertFalse(withWp.perms().write());
        WalkResult noWp = t.walker(CR0_ON & ~X86Regime.CR0_WP, CR4_ON, EFER_ON).walk(KERNEL_VA, WRITE, KERNEL);
        assertTrue(noWp.ok(), noWp::toString);
        assertTrue(noWp.perms().write());
    }

    @Test
    void cr0WpDoesNotLetUserWriteReadOnlyPages() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | US);
        WalkResult r = t.walker(CR0_ON & ~X86Regime.CR0_WP, CR4_ON, EFER_ON).walk(USER_VA, WRITE, USER);
        assertEquals(FaultKind.PERMISSION, r.fault());
    }

    @Test
    void globalNeedsTheGBitAndCr4Pge() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW | G);
        t.map(USER_VA, 0x9000, 1, P | RW | US);
        assertTrue(t.walker().walk(KERNEL_VA, READ, KERNEL).global());
        assertFalse(t.walker().walk(USER_VA, READ, KERNEL).global());
        assertFalse(t.walker(CR0_ON, X86Regime.CR4_PAE, EFER_ON).walk(KERNEL_VA, READ, KERNEL).global());
    }

    @Test
    void gBitOnALargePageIsGlobal() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA & -(2L << 20), 0x20_0000, 2, P | RW | G);
        assertTrue(t.walker().walk(KERNEL_VA, READ, KERNEL).global());
    }

    @Test
    void pcidComesFromCr3LowBitsWhenEnabled() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        long cr3 = t.root | 0x123;
        WalkResult r = PageWalker.x86(t.mem, new X86Regime(CR0_ON, cr3, CR4_ON | X86Regime.CR4_PCIDE, EFER_ON))
                .walk(USER_VA, READ, USER);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x123, r.asidOrPcid());
        assertEquals(t.root, r.chain().getFirst().entryAddress() & ~0xFFFL, "PCID bits are not part of the root");
    }

    @Test
    void withoutPcideCr3LowBitsAreNotAPcid() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        X86Regime regs = new X86Regime(CR0_ON, t.root | X86Pte.PWT | X86Pte.PCD, CR4_ON, EFER_ON);
        assertEquals(0, regs.pcid());
        WalkResult r = PageWalker.x86(t.mem, regs).walk(USER_VA, READ, USER);
        assertTrue(r.ok(), r::toString);
        assertEquals(0, r.asidOrPcid());
    }

    @Test
    void cr3BitsAboveTheRootAreIgnored() {
        // Bit 63 of a CR3 write means "keep this PCID's TLB entries"; it is not an address bit.
        assertEquals(0x1000, new X86Regime(CR0_ON, (1L << 63) | 0x1000 | 0x5, CR4_ON, EFER_ON).rootTable());
    }

    @ParameterizedTest
    @ValueSource(longs = {0x0000_8000_0000_0000L, 0xFFFF_7FFF_FFFF_F000L, 0x8000_0000_0000_0000L,
            0x0001_0000_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL})
    void nonCanonicalAddressesAreAddressSizeFaults(long va) {
        X86Tables t = X86Tables.small();
        WalkResult r = t.walker().walk(va, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(0, r.faultLevel());
        assertTrue(r.chain().isEmpty(), "no table is read for a non-canonical address");
    }

    @Test
    void canonicalEdgesTranslate() {
        X86Tables t = X86Tables.small();
        long lowTop = 0x0000_7FFF_FFFF_F000L;
        long highBottom = 0xFFFF_8000_0000_0000L;
        t.map(lowTop, 0x8000, 1, P | RW);
        t.map(highBottom, 0x9000, 1, P | RW);
        assertEquals(0x8FFF, t.walker().walk(lowTop + 0xFFF, READ, KERNEL).pa());
        WalkResult r = t.walker().walk(highBottom, READ, KERNEL);
        assertEquals(0x9000, r.pa());
        assertEquals(t.root + 256 * 8, r.chain().getFirst().entryAddress());
    }

    @Test
    void psInAPml4eIsReserved() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW);
        t.modify(KERNEL_VA, 4, PS, 0);
        WalkResult r = t.walker().walk(KERNEL_VA, READ, KERNEL);
        assertEquals(FaultKind.RESERVED, r.fault());
        assertEquals(4, r.faultLevel());
        assertEquals(1, r.chain().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 3, 2, 1})
    void addressBitsAboveMaxPhysAddrAreReserved(int level) {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW);
        t.modify(KERNEL_VA, level, 1L << 51, 0);
        WalkResult r = t.walker().walk(KERNEL_VA, READ, KERNEL);
        assertEquals(FaultKind.RESERVED, r.fault());
        assertEquals(level, r.faultLevel());
    }

    @Test
    void maxPhysAddrIsConfigurable() {
        X86Tables t = X86Tables.small();
        t.map(KERNEL_VA, 0x8000, 1, P | RW);
        t.modify(KERNEL_VA, 1, 1L << 47, 0);
        assertEquals(FaultKind.RESERVED, new X86PageWalker(t.mem, t.regime()).walk(KERNEL_VA, READ, KERNEL).fault());
        // With MAXPHYADDR 52 bit 47 is an address bit: a page far outside this small memory.
        WalkResult r = new X86PageWalker(t.mem, t.regime(), 52).walk(KERNEL_VA, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals((1L << 47) | 0x8345, r.pa());
    }

    @Test
    void lowAddressBitsOfA2MPageAreReserved() {
        X86Tables t = X86Tables.small();
        long va = 0x4000_0000L;
        t.map(va, 0x20_0000 | (1L << 13), 2, P | RW);
        WalkResult r = t.walker().walk(va, READ, KERNEL);
        assertEquals(FaultKind.RESERVED, r.fault());
        assertEquals(2, r.faultLevel());
    }

    @Test
    void lowAddressBitsOfA1GPageAreReserved() {
        X86Tables t = X86Tables.small();
        long va = 0x4000_0000L;
        t.map(va, 1L << 29, 3, P | RW);
        WalkResult r = t.walker().walk(va, READ, KERNEL);
        assertEquals(FaultKind.RESERVED, r.fault());
        assertEquals(3, r.faultLevel());
    }

    @Test
    void reservedBitsInANonPresentEntryDoNotMatter() {
        X86Tables t = X86Tables.small();
        long ea = t.entryAddress(KERNEL_VA, 1);
        t.mem.write64(ea, (1L << 51) | PS | NX); // not present: the rest is the OS's
        assertEquals(FaultKind.TRANSLATION, t.walker().walk(KERNEL_VA, READ, KERNEL).fault());
    }

    @Test
    void smepStopsKernelFetchesFromUserPages() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        assertTrue(t.walker().walk(USER_VA, FETCH, KERNEL).ok());
        WalkResult r = t.walker(CR0_ON, CR4_ON | X86Regime.CR4_SMEP, EFER_ON).walk(USER_VA, FETCH, KERNEL);
        assertEquals(FaultKind.PERMISSION, r.fault());
        assertTrue(t.walker(CR0_ON, CR4_ON | X86Regime.CR4_SMEP, EFER_ON).walk(USER_VA, FETCH, USER).ok());
    }

    @Test
    void pagingOffIsIdentityWithinMemory() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        PageWalker w = PageWalker.x86(mem, new X86Regime(1, 0, 0, 0));
        WalkResult r = w.walk(0x1234, WRITE, KERNEL);
        assertTrue(r.ok());
        assertEquals(0x1234, r.pa());
        assertTrue(r.chain().isEmpty());
        assertEquals(Permissions.ALL, r.perms());
        WalkResult beyond = w.walk(1 << 20, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, beyond.fault());
        assertEquals(FaultKind.ADDRESS_SIZE, w.walk(-4096, READ, KERNEL).fault());
    }

    @Test
    void rootOutsideMemoryIsAnAddressSizeFault() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        WalkResult r = PageWalker.x86(mem, X86Regime.longMode(1 << 20)).walk(KERNEL_VA, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(4, r.faultLevel());
        assertTrue(r.chain().isEmpty());
    }

    @Test
    void tablePointerOutsideMemoryIsBlamedOnItsEntry() {
        X86Tables t = X86Tables.small();
        long ea = t.entryAddress(KERNEL_VA, 2);
        t.mem.write64(ea, 0x4000_0000L | P | RW);
        WalkResult r = t.walker().walk(KERNEL_VA, READ, KERNEL);
        assertEquals(FaultKind.ADDRESS_SIZE, r.fault());
        assertEquals(2, r.faultLevel());
        assertEquals(3, r.chain().size());
    }

    @Test
    void fiveLevelPagingIsRejected() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PageWalker.x86(mem, new X86Regime(CR0_ON, 0, CR4_ON | X86Regime.CR4_LA57, EFER_ON)));
        assertTrue(e.getMessage().contains("LA57"), e.getMessage());
    }

    @Test
    void walkChangesNothing() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        byte[] before = t.mem.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        t.walker().walk(USER_VA, WRITE, USER);
        byte[] after = t.mem.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        assertTrue(java.util.Arrays.equals(before, after));
    }

    @Test
    void walkAndUpdateReadSetsAccessedEverywhereButNotDirty() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        WalkResult r = t.walker().walkAndUpdate(USER_VA, READ, USER);
        assertTrue(r.ok());
        for (int level = 4; level >= 1; level--) {
            long e = t.entry(USER_VA, level);
            assertEquals(A, e & A, "A at level " + level);
            assertEquals(0, e & D, "no D at level " + level);
            assertEquals(e, r.chain().get(4 - level).value(), "chain shows the updated entry");
        }
    }

    @Test
    void walkAndUpdateWriteSetsDirtyOnTheLeafOnly() {
        X86Tables t = X86Tables.small();
        long va = 0x4000_0000L;
        t.map(va, 0x20_0000, 2, P | RW);
        t.walker().walkAndUpdate(va + 8, WRITE, KERNEL);
        assertEquals(A | D, t.entry(va, 2) & (A | D), "2 MiB leaf gets A and D");
        assertEquals(A, t.entry(va, 3) & (A | D));
        assertEquals(A, t.entry(va, 4) & (A | D));
    }

    @Test
    void walkAndUpdateLeavesFaultingWalksAlone() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | US); // read-only
        WalkResult r = t.walker().walkAndUpdate(USER_VA, WRITE, USER);
        assertEquals(FaultKind.PERMISSION, r.fault());
        for (int level = 4; level >= 1; level--) {
            assertEquals(0, t.entry(USER_VA, level) & (A | D));
        }
    }

    @Test
    void walkAndUpdateRedoesTheWalkWhenAnEntryChangesUnderIt() {
        X86Tables t = X86Tables.small();
        t.map(USER_VA, 0x8000, 1, P | RW | US);
        long leafAddress = t.entryAddress(USER_VA, 1);
        // Another agent remaps the page between the walk's read and its update of the leaf.
        PhysicalMemory racing = new ForwardingMemory(t.mem) {
            boolean raced;

            @Override
            public boolean compareAndSet64(long pa, long expect, long update) {
                if (pa == leafAddress && !raced) {
                    raced = true;
                    t.mem.write64(leafAddress, 0x9000 | P | RW | US);
                }
                return super.compareAndSet64(pa, expect, update);
            }
        };
        WalkResult r = PageWalker.x86(racing, t.regime()).walkAndUpdate(USER_VA, WRITE, USER);
        assertTrue(r.ok(), r::toString);
        assertEquals(0x9ABC, r.pa(), "the retried walk sees the new mapping");
        assertEquals(0x9000 | P | RW | US | A | D, t.mem.read64(leafAddress));
    }

    @Test
    void walkAndUpdateWithPagingOffChangesNothing() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(1 << 20);
        WalkResult r = PageWalker.x86(mem, new X86Regime(1, 0, 0, 0)).walkAndUpdate(0x10, WRITE, KERNEL);
        assertTrue(r.ok());
        assertEquals(0, mem.read64(0x10));
        assertNull(r.leaf());
    }
}
