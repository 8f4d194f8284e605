package io.mmulab.mmu.tlb;

import static io.mmulab.mmu.Privilege.KERNEL;
import static io.mmulab.mmu.Privilege.USER;
import static io.mmulab.mmu.tlb.PageTables.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.X86Pte;
import io.mmulab.mmu.X86Regime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlbX86Test {
    private static final long UVA = 0x0000_7F00_1234_5000L;
    private static final long KVA = 0xFFFF_8880_0010_2000L;
    private static final long U = X86Pte.US | X86Pte.RW;
    private static final long KG = X86Pte.RW | X86Pte.G;
    private static final long P1 = 0x10_0000;
    private static final long P2 = 0x11_0000;
    private static final long CR4_PCID = PageTables.X86.CR4 | X86Regime.CR4_PCIDE;

    private final PageTables.X86 t = new PageTables.X86();
    private final long root = t.newTable();
    private final Tlb tlb = new Tlb(0, 64);

    /** Maps UVA -> P1 (user, non-global) and KVA -> P1 (kernel, global), caches both, then remaps both to P2. */
    private PageWalker cacheThenRemap(int pcid) {
        long ue = t.map(root, UVA, P1, 1, U);
        long ke = t.map(root, KVA, P1, 1, KG);
        PageWalker w = t.walker(root, pcid);
        int asid = Math.max(pcid, 0);
        assertEquals(P1, access(tlb, w, UVA, asid, USER, 1).pa());
        assertEquals(P1, access(tlb, w, KVA, asid, KERNEL, 2).pa());
        t.write(ue, P2 | U | X86Pte.P);
        t.write(ke, P2 | KG | X86Pte.P);
        return w;
    }

    @Test
    void staleTranslationSurvivesUntilInvlpgOfThatPage() {
        PageWalker w = cacheThenRemap(-1);
        assertEquals(P1 + 0x234, access(tlb, w, UVA + 0x234, 0, USER, 3).translate(UVA + 0x234), "stale entry used");
        assertFalse(tlb.x86Invlpg(UVA + 0x1000, 0), "another page");
        assertEquals(P1, tlb.lookup(UVA, 0, USER).pa());
        assertTrue(tlb.x86Invlpg(UVA + 0xFFF, 0));
        assertNull(tlb.lookup(UVA, 0, USER));
        assertEquals(P2, access(tlb, w, UVA, 0, USER, 4).pa());
        assertEquals(P1, tlb.lookup(KVA, 0, KERNEL).pa(), "the kernel page was not invalidated");
    }

    @Test
    void invlpgDropsGlobalEntriesOfThePageWhateverThePcid() {
        cacheThenRemap(3);
        assertTrue(tlb.x86Invlpg(KVA, 7));
        assertNull(tlb.lookup(KVA, 3, KERNEL));
        assertFalse(tlb.x86Invlpg(UVA, 7), "non-global entry of PCID 3 is not touched by PCID 7's invlpg");
        assertNotNull(tlb.lookup(UVA, 3, USER));
    }

    @Test
    void pageFaultDropsTheStaleEntryOfThatPage() {
        long ea = t.map(root, UVA, P1, 1, X86Pte.US); // read-only
        PageWalker w = t.walker(root, -1);
        TlbEntry ro = access(tlb, w, UVA, 0, USER, 1);
        assertFalse(ro.permits(AccessType.WRITE));
        t.write(ea, P1 | U | X86Pte.P); // made writable without a flush, as Linux x86 does
        assertFalse(tlb.lookup(UVA, 0, USER).permits(AccessType.WRITE), "the write faults on the stale entry");
        assertTrue(tlb.x86PageFault(UVA + 0x10, 0));
        assertTrue(access(tlb, w, UVA, 0, USER, 2).permits(AccessType.WRITE));
    }

    @Test
    void cr3WriteWithoutPcidDropsNonGlobalOnly() {
        cacheThenRemap(-1);
        assertTrue(tlb.x86WriteCr3(root, PageTables.X86.CR4));
        assertNull(tlb.lookup(UVA, 0, USER));
        assertEquals(P1, tlb.lookup(KVA, 0, KERNEL).pa(), "global entry survives a CR3 write");
        assertFalse(tlb.x86WriteCr3(root, PageTables.X86.CR4));
        assertTrue(tlb.x86FlushAll());
        assertEquals(0, tlb.size());
    }

    @Test
    void cr3WriteWithPcidDropsOnlyTheNewPcidsEntriesUnlessNoFlush() {
        long root2 = t.newTable();
        t.map(root, UVA, P1, 1, U);
        t.map(root2, UVA, P2, 1, U);
        access(tlb, t.walker(root, 1), UVA, 1, USER, 1);
        access(tlb, t.walker(root2, 2), UVA, 2, USER, 2);
        assertEquals(P1, tlb.lookup(UVA, 1, USER).pa());
        assertEquals(P2, tlb.lookup(UVA, 2, USER).pa());

        assertFalse(tlb.x86WriteCr3(root2 | 2 | (1L << 63), CR4_PCID), "no-flush bit keeps everything");
        assertEquals(2, tlb.size());
        assertTrue(tlb.x86WriteCr3(root2 | 2, CR4_PCID));
        assertNull(tlb.lookup(UVA, 2, USER));
        assertEquals(P1, tlb.lookup(UVA, 1, USER).pa(), "another PCID's entries survive");
    }

    @Test
    void cr3WriteWithPcidKeepsGlobalEntriesOfThatPcid() {
        cacheThenRemap(5);
        assertTrue(tlb.x86WriteCr3(root | 5, CR4_PCID));
        assertNull(tlb.lookup(UVA, 5, USER));
        assertNotNull(tlb.lookup(KVA, 5, KERNEL));
    }

    @Test
    void invpcidTypes() {
        long root2 = t.newTable();
        cacheThenRemap(1);
        long other = UVA + 0x1000;
        t.map(root, other, P1, 1, U);
        t.map(root2, UVA, P1, 1, U);
        access(tlb, t.walker(root, 1), other, 1, USER, 5);
        access(tlb, t.walker(root2, 2), UVA, 2, USER, 6);
        assertEquals(4, tlb.size());

        assertFalse(tlb.x86Invpcid(0, 1, KVA), "type 0 leaves global translations");
        assertTrue(tlb.x86Invpcid(0, 1, UVA));
        assertNull(tlb.lookup(UVA, 1, USER));
        assertNotNull(tlb.lookup(other, 1, USER), "type 0: another address of the PCID survives");
        assertNotNull(tlb.lookup(UVA, 2, USER), "type 0: the address in another PCID survives");

        assertTrue(tlb.x86Invpcid(1, 1, 0));
        assertNull(tlb.lookup(other, 1, USER));
        assertNotNull(tlb.lookup(UVA, 2, USER), "type 1: another PCID survives");
        assertNotNull(tlb.lookup(KVA, 1, KERNEL), "type 1: globals survive");

        assertTrue(tlb.x86Invpcid(3, 0, 0));
        assertNull(tlb.lookup(UVA, 2, USER));
        assertNotNull(tlb.lookup(KVA, 9, KERNEL), "type 3: globals survive");

        assertTrue(tlb.x86Invpcid(2, 0, 0));
        assertEquals(0, tlb.size());
        assertThrows(IllegalArgumentException.class, () -> tlb.x86Invpcid(4, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> tlb.x86Invpcid(1, 0x1000, 0));
    }

    @Test
    void largePagesAreHitAndInvalidatedThroughAnyAddressInside() {
        long va2m = 0x0000_0040_0020_0000L;
        long va1g = 0xFFFF_8880_0000_0000L;
        t.map(root, va2m, 0x20_0000, 2, X86Pte.RW);
        t.map(root, va1g, 0, 3, X86Pte.RW);
        PageWalker w = t.walker(root, -1);
        TlbEntry e2m = access(tlb, w, va2m + 0x5000, 0, KERNEL, 1);
        TlbEntry e1g = access(tlb, w, va1g + 0x10_0000, 0, KERNEL, 2);
        assertEquals(2 << 20, e2m.pageSize());
        assertEquals(va2m, e2m.va());
        assertEquals(1L << 30, e1g.pageSize());
        assertSame(e2m, tlb.lookup(va2m + 0x1F_F123, 0, KERNEL));
        assertEquals(0x3F_F123, e2m.translate(va2m + 0x1F_F123));
        assertSame(e1g, tlb.lookup(va1g + 0x3FFF_F000L, 0, KERNEL));
        assertNull(tlb.lookup(va2m + 0x20_0000, 0, KERNEL), "the next 2 MiB is not covered");

        assertTrue(tlb.x86Invlpg(va2m + 0x12_3000, 0));
        assertNull(tlb.lookup(va2m, 0, KERNEL));
        assertTrue(tlb.x86Invlpg(va1g + 0x2345_6000L, 0));
        assertEquals(0, tlb.size());
    }

    @Test
    void lookupAllocatesNothing() {
        t.map(root, UVA, P1, 1, U);
        t.map(root, 0x0000_0040_0020_0000L, 0x20_0000, 2, X86Pte.RW);
        t.map(root, KVA & -(1L << 30), 0, 3, KG);
        PageWalker w = t.walker(root, -1);
        long[] vas = {UVA + 8, 0x0000_0040_0020_1234L, KVA, 0x0000_0040_003F_F000L};
        for (long va : vas) {
            access(tlb, w, va, 0, KERNEL, 1);
        }
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long hits = 0;
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            hits += tlb.lookup(vas[i & 3], 0, KERNEL) != null ? 1 : 0;
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(100_000, hits);
        assertTrue(allocated < 1024, "lookup allocated " + allocated + " bytes");
    }

    @Test
    void lookupIsPerPrivilegeAndInvalidationDropsBoth() {
        t.map(root, UVA, P1, 1, X86Pte.RW); // supervisor-only
        t.map(root, UVA + 0x1000, P2, 1, U);
        PageWalker w = t.walker(root, -1);
        assertNotNull(access(tlb, w, UVA, 0, KERNEL, 1));
        assertNull(tlb.lookup(UVA, 0, USER));
        assertNull(access(tlb, w, UVA, 0, USER, 2), "user access to a supervisor page faults and is not cached");

        TlbEntry k = access(tlb, w, UVA + 0x1000, 0, KERNEL, 3);
        TlbEntry u = access(tlb, w, UVA + 0x1000, 0, USER, 4);
        assertEquals(KERNEL, k.privilege());
        assertEquals(USER, u.privilege());
        assertSame(u, tlb.lookup(UVA + 0x1000, 0, USER));
        assertSame(k, tlb.lookup(UVA + 0x1000, 0, KERNEL));
        assertTrue(u.permits(AccessType.WRITE));
        assertFalse(k.permits(AccessType.FETCH) && !u.permits(AccessType.FETCH));
        assertTrue(tlb.x86Invlpg(UVA + 0x1000, 0));
        assertEquals(1, tlb.size());
    }

    @Test
    void capacityEvictsTheOldestFillDeterministically() {
        Tlb small = new Tlb(1, 3);
        PageWalker w = t.walker(root, -1);
        for (int i = 0; i < 4; i++) {
            t.map(root, UVA + i * 0x1000L, P1 + i * 0x1000L, 1, U);
        }
        access(small, w, UVA, 0, USER, 1);
        access(small, w, UVA + 0x1000, 0, USER, 2);
        access(small, w, UVA + 0x2000, 0, USER, 3);
        access(small, w, UVA, 0, USER, 4); // a hit: does not refresh its age
        access(small, w, UVA + 0x3000, 0, USER, 5);
        assertEquals(3, small.size());
        assertNull(small.lookup(UVA, 0, USER), "oldest fill evicted");
        assertEquals(List.of(2L, 3L, 5L), small.entries().stream().map(TlbEntry::fillStep).toList());
    }

    @Test
    void fillReplacesTheSamePageAndOverlappingSmallerPages() {
        long ea = t.map(root, UVA, P1, 1, U);
        PageWalker w = t.walker(root, -1);
        access(tlb, w, UVA, 0, USER, 1);
        t.write(ea, P2 | U | X86Pte.P);
        WalkResult fresh = w.walk(UVA, AccessType.READ, USER);
        tlb.fill(fresh, USER, 0, 2);
        assertEquals(1, tlb.size());
        assertEquals(P2, tlb.lookup(UVA, 0, USER).pa());

        // The 4 KiB page is now part of a 2 MiB page: filling it drops the overlapping small entry.
        long big = UVA & -(2L << 20);
        t.write(t.entryAddress(root, big, 2), 0x20_0000 | U | X86Pte.P | X86Pte.PS);
        tlb.fill(w.walk(big, AccessType.READ, USER), USER, 0, 3);
        assertEquals(1, tlb.size());
        assertEquals(2L << 20, tlb.lookup(UVA, 0, USER).pageSize());
        assertThrows(IllegalArgumentException.class,
                () -> tlb.fill(w.walk(KVA, AccessType.READ, USER), USER, 0, 4), "faulting walks are not cached");
    }

    @Test
    void entriesAreSortedByUnsignedVaThenAsidThenPrivilege() {
        long root2 = t.newTable();
        t.map(root, UVA, P1, 1, U);
        t.map(root2, UVA, P2, 1, U);
        t.map(root, KVA, P1, 1, KG);
        access(tlb, t.walker(root, 1), KVA, 1, KERNEL, 1);
        access(tlb, t.walker(root2, 2), UVA, 2, USER, 2);
        access(tlb, t.walker(root, 1), UVA, 1, USER, 3);
        access(tlb, t.walker(root, 1), UVA, 1, KERNEL, 4);
        assertEquals(List.of(4L, 3L, 2L, 1L), tlb.entries().stream().map(TlbEntry::fillStep).toList());
        assertTrue(tlb.remove(tlb.lookup(UVA, 2, USER)));
        assertFalse(tlb.remove(new TlbEntry(UVA, P2, 4096, io.mmulab.mmu.Permissions.ALL, USER, false, 2, 2, List.of())));
        assertEquals(3, tlb.size());
    }
}
