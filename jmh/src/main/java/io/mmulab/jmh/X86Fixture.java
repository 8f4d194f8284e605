package io.mmulab.jmh;

import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.SegmentPhysicalMemory;
import io.mmulab.mmu.X86Pte;
import io.mmulab.mmu.X86Regime;

/**
 * x86-64 4-level page tables in an 8 MiB memory: {@link #PAGES} user 4 KiB pages from {@link #VA}
 * (one leaf table, so every walk reads four entries) and one 2 MiB page at {@link #VA_2M}.
 * Data pages lie below 4 MiB, tables above. A and D are preset, so walkAndUpdate changes nothing
 * and every iteration measures the same work.
 */
final class X86Fixture {
    static final int PAGES = 256;
    static final long VA = 0x0000_7f00_0000_0000L;
    static final long VA_2M = 0x0000_7f00_4000_0000L;
    /** Mapped nowhere, but its upper tables exist: a walk reads four entries and faults. */
    static final long VA_UNMAPPED = VA + (PAGES + 1L) * 4096;
    private static final long LEAF = X86Pte.P | X86Pte.RW | X86Pte.US | X86Pte.A | X86Pte.D;

    final SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(8 << 20);
    final long root;
    private long nextTable = 4 << 20;

    X86Fixture() {
        root = newTable();
        for (int i = 0; i < PAGES; i++) {
            mem.write64(entry(VA + i * 4096L, 1), (0x10_0000L + i * 4096L) | LEAF);
        }
        mem.write64(entry(VA_2M, 2), 0x20_0000L | LEAF | X86Pte.PS);
    }

    PageWalker walker() {
        return PageWalker.x86(mem, X86Regime.longMode(root));
    }

    private long newTable() {
        long t = nextTable;
        nextTable += 4096;
        return t; // fresh memory reads as zero: not present
    }

    /** Address of the entry for {@code va} at {@code level} (4 = PML4), creating the tables above. */
    private long entry(long va, int level) {
        long table = root;
        for (int l = 4; l > level; l--) {
            long ea = table + ((va >>> (12 + 9 * (l - 1))) & 0x1FF) * 8;
            long e = mem.read64(ea);
            if ((e & X86Pte.P) == 0) {
                e = newTable() | X86Pte.P | X86Pte.RW | X86Pte.US | X86Pte.A;
                mem.write64(ea, e);
            }
            table = e & X86Pte.ADDR_MASK;
        }
        return table + ((va >>> (12 + 9 * (level - 1))) & 0x1FF) * 8;
    }
}
