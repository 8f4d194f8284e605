package io.mmulab.mmu.tlb;

import static io.mmulab.mmu.Privilege.KERNEL;
import static io.mmulab.mmu.Privilege.USER;
import static io.mmulab.mmu.tlb.PageTables.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.mmu.Arm64Descriptor;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.X86Pte;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TlbInspectorTest {
    private static final long VA = 0x0000_7F00_0000_0000L;
    private static final long U = X86Pte.P | X86Pte.US | X86Pte.RW;

    private static Map<Long, TlbView> byVa(List<TlbView> views) {
        return views.stream().collect(Collectors.toMap(v -> v.entry().va(), Function.identity()));
    }

    @Test
    void x86MarksExactlyTheChangedEntriesStale() {
        PageTables.X86 t = new PageTables.X86();
        long root = t.newTable();
        Tlb tlb = new Tlb(0, 16);
        PageWalker w = t.walker(root, -1);
        long[] ea = new long[6];
        for (int i = 0; i < 6; i++) {
            ea[i] = t.map(root, VA + i * 0x1000L, 0x10_0000 + i * 0x1000L, 1, U);
            access(tlb, w, VA + i * 0x1000L, 0, USER, i);
        }
        t.write(ea[0], 0x20_0000 | U);                // remapped
        t.write(ea[1], 0);                            // unmapped
        t.write(ea[2], 0x10_2000 | U & ~X86Pte.RW);   // write-protected
        t.write(ea[3], t.read(ea[3]) & ~(X86Pte.A | X86Pte.D)); // aged: not a change that matters
        t.write(ea[4], 0x10_4000 | U | X86Pte.NX);    // made non-executable
        long before = t.read(ea[5]) & ~X86Pte.A;
        t.write(ea[5], before);                       // A cleared, to see inspect does not set it

        Map<Long, TlbView> v = byVa(TlbInspector.inspect(tlb, w));
        assertEquals(6, v.size());
        assertEquals("now maps 0x200000", v.get(VA).why());
        assertTrue(v.get(VA).stale());
        assertEquals("not present any more", v.get(VA + 0x1000).why());
        assertEquals("permissions now r-xu (was rwxu)", v.get(VA + 0x2000).why());
        assertEquals(new TlbView(v.get(VA + 0x3000).entry(), false, ""), v.get(VA + 0x3000));
        assertEquals("permissions now rw-u (was rwxu)", v.get(VA + 0x4000).why());
        assertFalse(v.get(VA + 0x5000).stale());
        assertEquals(before, t.read(ea[5]), "inspect walks without updating A/D");
    }

    @Test
    void largePageSplitAndGlobalChangeAreReported() {
        PageTables.X86 t = new PageTables.X86();
        long root = t.newTable();
        Tlb tlb = new Tlb(0, 16);
        PageWalker w = t.walker(root, -1);
        long big = 0x0000_0040_0020_0000L;
        long pde = t.map(root, big, 0x20_0000, 2, X86Pte.RW | X86Pte.G);
        access(tlb, w, big, 0, KERNEL, 1);
        t.write(pde, 0);
        t.map(root, big, 0x20_0000, 1, X86Pte.RW); // same pa, now a non-global 4 KiB page
        TlbView view = TlbInspector.inspect(tlb, w).getFirst();
        assertTrue(view.stale());
        assertEquals("now a 4K page (was 2M); not global any more", view.why());
    }

    @Test
    void arm64OtherAsidsAreNotCheckedAndFaultsAreExplained() {
        PageTables.Arm64 t = new PageTables.Arm64();
        long rootA = t.newTable();
        long rootB = t.newTable();
        long user = Arm64Descriptor.AP_EL0 | Arm64Descriptor.NG;
        t.map(rootA, VA, 0x10_0000, 3, user);
        long eb = t.map(rootB, VA, 0x10_0000, 3, user);
        long kva = 0xFFFF_8000_0000_0000L;
        long ke = t.map(t.kernelRoot, kva, 0x30_0000, 3, 0);
        Tlb tlb = new Tlb(0, 16);
        PageWalker a = t.walker(rootA, 1);
        access(tlb, a, VA, 1, USER, 1);
        access(tlb, t.walker(rootB, 2), VA, 2, USER, 2);
        access(tlb, a, kva, 1, KERNEL, 3);
        t.write(eb, 0);                              // changed, but in ASID 2's tables
        t.write(ke, 0x30_0000 | Arm64Descriptor.AP_RO | Arm64Descriptor.AF | 0b11);

        List<TlbView> views = TlbInspector.inspect(tlb, a);
        assertEquals(List.of(false, false, true), views.stream().map(TlbView::stale).toList());
        assertEquals("asid 2 is not current (1): not checked", views.get(1).why());
        assertEquals("permissions now r-xk (was rwxk)", views.get(2).why());
        assertEquals("", views.get(0).why());

        // From ASID 2's point of view its entry is stale and ASID 1's is not checked.
        List<TlbView> fromB = TlbInspector.inspect(tlb, t.walker(rootB, 2));
        assertEquals(List.of(false, true, true), fromB.stream().map(TlbView::stale).toList());
        assertEquals("not present any more", fromB.get(1).why());
    }
}
