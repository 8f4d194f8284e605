package io.mmulab.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkResultTest {
    @Test
    void okMustAgreeWithTheFaultKind() {
        assertThrows(IllegalArgumentException.class, () -> new WalkResult(true, 0, 0, 4096, Permissions.ALL,
                false, 0, FaultKind.PERMISSION, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new WalkResult(false, 0, 0, 4096, Permissions.ALL,
                false, 0, FaultKind.NONE, -1, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> WalkResult.success(0, 0, 4096, Permissions.ALL, false, 0, List.of()).withFault(FaultKind.NONE, 0));
    }

    @Test
    void chainIsACopy() {
        List<PageTableEntryRef> chain = new ArrayList<>(List.of(new PageTableEntryRef(4, 0x1000, 1)));
        WalkResult r = WalkResult.fault(0x10, FaultKind.TRANSLATION, 4, chain);
        chain.clear();
        assertEquals(1, r.chain().size());
        assertThrows(UnsupportedOperationException.class, () -> r.chain().add(null));
    }

    @Test
    void withFaultKeepsTheTranslation() {
        WalkResult ok = WalkResult.success(0x1234, 0x9234, 4096, new Permissions(true, false, true, false), true, 7,
                List.of(new PageTableEntryRef(1, 0x2000, 0x9005)));
        WalkResult f = ok.withFault(FaultKind.PERMISSION, 1);
        assertFalse(f.ok());
        assertEquals(0x9234, f.pa());
        assertEquals(0x9000, f.pageBase());
        assertTrue(f.translated());
        assertEquals(ok.perms(), f.perms());
        assertEquals(ok.chain(), f.chain());
        assertEquals(1, f.faultLevel());
    }

    @Test
    void faultsWithoutALeafHaveNoTranslation() {
        WalkResult f = WalkResult.fault(0x1234, FaultKind.TRANSLATION, 2, List.of());
        assertFalse(f.translated());
        assertEquals(-1, f.pa());
        assertEquals(Permissions.NONE, f.perms());
        assertEquals(null, f.leaf());
    }

    @Test
    void identityStopsAtTheEndOfMemory() {
        assertEquals(0xFFF, WalkResult.identity(0xFFF, 0x1000).pa());
        assertEquals(FaultKind.ADDRESS_SIZE, WalkResult.identity(0x1000, 0x1000).fault());
        assertEquals(FaultKind.ADDRESS_SIZE, WalkResult.identity(-1, 0x1000).fault());
    }

    @Test
    void toStringIsReadableHex() {
        WalkResult r = WalkResult.success(0xFFFF_8000_0000_1000L, 0x5000, 4096, Permissions.ALL, true, 0,
                List.of(new PageTableEntryRef(1, 0x2008, 0x5003)));
        String s = r.toString();
        assertTrue(s.contains("va=0xffff800000001000"), s);
        assertTrue(s.contains("pa=0x5000"), s);
        assertTrue(s.contains("L1@0x2008=0x0000000000005003"), s);
        assertTrue(WalkResult.fault(0x10, FaultKind.RESERVED, 3, List.of()).toString().contains("RESERVED at level 3"));
    }

    @Test
    void permissionsAllowAndPrint() {
        Permissions p = new Permissions(true, false, false, true);
        assertTrue(p.allows(AccessType.READ));
        assertFalse(p.allows(AccessType.WRITE));
        assertTrue(p.allows(AccessType.FETCH));
        assertEquals("r-xk", p.toString());
        assertEquals("rwxu", Permissions.ALL.toString());
    }

    @Test
    void walkerForARegimePicksTheArchitecture() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        X86Regime x = new X86Regime(0, 0, 0, 0);
        Arm64Regime a = new Arm64Regime(0, 0, 0, 0);
        assertTrue(PageWalker.of(mem, x) instanceof X86PageWalker);
        assertTrue(PageWalker.of(mem, a) instanceof Arm64PageWalker);
        assertEquals(x, PageWalker.of(mem, x).regime());
        assertFalse(x.translationEnabled());
        assertTrue(X86Regime.longMode(0x1000).translationEnabled());
    }
}
