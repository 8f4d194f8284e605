package io.mmulab.mmu;

import static io.mmulab.mmu.X86Pte.A;
import static io.mmulab.mmu.X86Pte.D;
import static io.mmulab.mmu.X86Pte.G;
import static io.mmulab.mmu.X86Pte.NX;
import static io.mmulab.mmu.X86Pte.P;
import static io.mmulab.mmu.X86Pte.RW;
import static io.mmulab.mmu.X86Pte.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTableDumperTest {
    @Test
    void x86LeavesOfEverySizeInAddressOrder() {
        X86Tables t = X86Tables.small();
        long high1g = 0xFFFF_8880_0000_0000L;
        long user4k = 0x0000_7FFF_FFFF_E000L;
        long low2m = 0x0000_0000_0020_0000L;
        t.map(high1g, 0, 3, P | RW | G | A);
        t.map(user4k, 0x9000, 1, P | RW | US | NX | A | D);
        t.map(low2m, 0x20_0000, 2, P);
        t.entryAddress(0xFFFF_FFFF_8000_0000L, 1); // empty tables: no leaves
        List<LeafMapping> m = PageTableDumper.dump(t.mem, t.regime());
        assertEquals(3, m.size(), m::toString);

        LeafMapping a = m.get(0);
        assertEquals(low2m, a.va());
        assertEquals(0x20_0000, a.pa());
        assertEquals(2L << 20, a.size());
        assertEquals(2, a.level());
        assertEquals(new Permissions(true, false, false, true), a.kernel());
        assertEquals(new Permissions(false, false, false, false), a.user());
        assertFalse(a.global());

        LeafMapping b = m.get(1);
        assertEquals(user4k, b.va());
        assertEquals(0x9000, b.pa());
        assertEquals(4096, b.size());
        assertEquals(new Permissions(true, true, true, false), b.user());
        assertTrue(b.accessed());
        assertTrue(b.dirty());

        LeafMapping c = m.get(2);
        assertEquals(high1g, c.va());
        assertEquals(1L << 30, c.size());
        assertTrue(c.global());
        assertTrue(c.accessed());
        assertFalse(c.dirty());
        assertEquals(0, c.vaEnd() - (high1g + (1L << 30)));
    }

    @Test
    void x86LeafAtTheTopOfTheAddressSpace() {
        X86Tables t = X86Tables.small();
        t.map(0xFFFF_FFFF_FFFF_F000L, 0x5000, 1, P | RW);
        List<LeafMapping> m = PageTableDumper.dump(t.mem, t.regime());
        assertEquals(1, m.size());
        assertEquals(0xFFFF_FFFF_FFFF_F000L, m.getFirst().va());
        assertEquals(0, m.getFirst().vaEnd(), "ends at 2^64");
    }

    @Test
    void brokenEntriesAreLeftOut() {
        X86Tables t = X86Tables.small();
        t.map(0x1000, 0x5000, 1, P | RW);
        t.map(0x2000, 0x6000 | (1L << 50), 1, P | RW); // reserved address bit
        List<LeafMapping> m = PageTableDumper.dump(t.mem, t.regime());
        assertEquals(1, m.size());
        assertEquals(0x1000, m.getFirst().va());
    }

    @Test
    void contiguousPagesCoalesce() {
        X86Tables t = X86Tables.small();
        for (int i = 0; i < 16; i++) {
            t.map(0x40_0000 + i * 4096L, 0x10_0000 + i * 4096L, 1, P | RW);
        }
        t.map(0x40_0000 + 16 * 4096L, 0x30_0000, 1, P | RW); // pa jumps
        t.map(0x40_0000 + 17 * 4096L, 0x30_1000, 1, P); // attributes change
        List<LeafMapping> all = PageTableDumper.dump(t.mem, t.regime());
        assertEquals(18, all.size());
        List<LeafMapping> runs = PageTableDumper.coalesce(all);
        assertEquals(3, runs.size(), runs::toString);
        assertEquals(16 * 4096L, runs.get(0).size());
        assertEquals(0x10_0000, runs.get(0).pa());
        assertEquals(0x30_0000, runs.get(1).pa());
        assertFalse(runs.get(2).kernel().write());
    }

    @Test
    void manyPagesDumpInOrder() {
        X86Tables t = new X86Tables(SegmentPhysicalMemory.allocate(16 << 20), 12 << 20);
        for (int i = 0; i < 2048; i++) {
            t.map(0xFFFF_C000_0000_0000L + i * 4096L, i * 4096L, 1, P | RW);
        }
        List<LeafMapping> m = PageTableDumper.dump(t.mem, t.regime());
        assertEquals(2048, m.size());
        for (int i = 1; i < m.size(); i++) {
            assertTrue(Long.compareUnsigned(m.get(i - 1).va(), m.get(i).va()) < 0);
        }
        assertEquals(1, PageTableDumper.coalesce(m).size());
    }

    @Test
    void arm64BothHalvesWithBlocksAndPages() {
        Arm64Tables t = Arm64Tables.small(25, 16);
        t.mapPage(0x1000, 0x5000, Arm64Descriptor.AF | Arm64Descriptor.AP_EL0 | Arm64Descriptor.NG);
        t.mapBlock(0x4000_0000L, 0, 1, 0);
        t.mapBlock(0xFFFF_0000_0020_0000L, 0x20_0000, 2, Arm64Descriptor.AF | Arm64Descriptor.AP_RO
                | Arm64Descriptor.UXN);
        List<LeafMapping> m = PageTableDumper.dump(t.mem, t.regime());
        assertEquals(3, m.size(), m::toString);

        assertEquals(0x1000, m.get(0).va());
        assertEquals(3, m.get(0).level());
        assertEquals(new Permissions(true, true, true, true), m.get(0).user());
        assertEquals(new Permissions(true, true, true, false), m.get(0).kernel(), "EL0-writable: PXN at EL1");
        assertFalse(m.get(0).global());
        assertTrue(m.get(0).accessed());

        assertEquals(0x4000_0000L, m.get(1).va());
        assertEquals(1L << 30, m.get(1).size());
        assertFalse(m.get(1).accessed(), "listed even though AF is clear");

        assertEquals(0xFFFF_0000_0020_0000L, m.get(2).va());
        assertEquals(2L << 20, m.get(2).size());
        assertEquals(new Permissions(true, false, false, true), m.get(2).kernel());
        assertTrue(m.get(2).global());
    }

    @Test
    void arm64DisabledHalfIsSkipped() {
        Arm64Tables t = Arm64Tables.small(16, 16);
        t.mapPage(0x1000, 0x5000, Arm64Descriptor.AF);
        t.mapPage(0xFFFF_0000_0000_1000L, 0x6000, Arm64Descriptor.AF);
        assertEquals(2, PageTableDumper.dump(t.mem, t.regime()).size());
        List<LeafMapping> m = PageTableDumper.dump(t.mem, t.regime(Arm64Regime.TCR_EPD1, 0, 0, 0));
        assertEquals(1, m.size());
        assertEquals(0x1000, m.getFirst().va());
    }

    @Test
    void translationOffHasNoTables() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        assertTrue(PageTableDumper.dump(mem, new X86Regime(0, 0, 0, 0)).isEmpty());
        assertTrue(PageTableDumper.dump(mem, new Arm64Regime(0, 0, 0, 0)).isEmpty());
    }

    @Test
    void mappingPrintsHexRangeAndFlags() {
        LeafMapping m = new LeafMapping(0xFFFF_8000_0000_0000L, 0x20_0000, 2L << 20, 2,
                new Permissions(true, true, false, false), Permissions.NONE, true, true, false, 0);
        String s = m.toString();
        assertTrue(s.startsWith("0xffff800000000000-0xffff8000001fffff -> 0x000000200000 2M L2 k:rw-k u:---k G A"), s);
    }
}
