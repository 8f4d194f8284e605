package io.mmulab.mmu.tlb;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.Arm64Descriptor;
import io.mmulab.mmu.Arm64Regime;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.SegmentPhysicalMemory;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.X86Pte;
import io.mmulab.mmu.X86Regime;

/**
 * Test helper: hand-built x86-64 and ARM64 (4 KiB granule, 48-bit, 4 levels) page tables with
 * several roots (address spaces) in one 8 MiB memory: data pages below 4 MiB, tables above.
 * (io.mmulab.mmu's X86Tables/Arm64Tables are package-private there and have a single root.)
 */
abstract class PageTables {
    final SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(8 << 20);
    private long next = 4 << 20;

    long newTable() {
        long t = next;
        next += 4096;
        for (int i = 0; i < 512; i++) {
            mem.write64(t + i * 8L, 0);
        }
        return t;
    }

    /** The entry for {@code va} at {@code level} (top level 4 for x86, 0 for ARM64), creating tables above it. */
    abstract long entryAddress(long root, long va, int level);

    abstract PageWalker walker(long root, int asid);

    long read(long entryAddress) {
        return mem.read64(entryAddress);
    }

    void write(long entryAddress, long value) {
        mem.write64(entryAddress, value);
    }

    /** What the MMU does: our TLB first, a walk (with A/D/AF updates) and a fill on a miss. Null on a fault. */
    static TlbEntry access(Tlb tlb, PageWalker w, long va, int asid, Privilege priv, long step) {
        TlbEntry e = tlb.lookup(va, asid, priv);
        if (e != null) {
            return e;
        }
        WalkResult r = w.walkAndUpdate(va, AccessType.READ, priv);
        return r.ok() ? tlb.fill(r, priv, asid, step) : null;
    }

    static final class X86 extends PageTables {
        static final long TABLE = X86Pte.P | X86Pte.RW | X86Pte.US;
        static final long CR4 = X86Regime.CR4_PAE | X86Regime.CR4_PGE;

        @Override
        long entryAddress(long root, long va, int level) {
            long table = root;
            for (int l = 4; l > level; l--) {
                long ea = table + ((va >>> (12 + 9 * (l - 1))) & 0x1FF) * 8;
                long e = mem.read64(ea);
                if ((e & X86Pte.P) == 0) {
                    e = newTable() | TABLE;
                    mem.write64(ea, e);
                }
                table = e & X86Pte.ADDR_MASK;
            }
            return table + ((va >>> (12 + 9 * (level - 1))) & 0x1FF) * 8;
        }

        /** Maps a 4 KiB (level 1), 2 MiB (2) or 1 GiB (3) page; returns the leaf's address. */
        long map(long root, long va, long pa, int level, long flags) {
            long ea = entryAddress(root, va, level);
            mem.write64(ea, pa | flags | X86Pte.P | (level > 1 ? X86Pte.PS : 0));
            return ea;
        }

        /** Paging on, PGE on; with {@code pcid} >= 0 also CR4.PCIDE and CR3[11:0] = pcid. */
        @Override
        PageWalker walker(long root, int pcid) {
            long cr4 = CR4 | (pcid >= 0 ? X86Regime.CR4_PCIDE : 0);
            long cr3 = root | Math.max(pcid, 0);
            return PageWalker.x86(mem, new X86Regime(X86Regime.CR0_PG | X86Regime.CR0_WP | 1, cr3, cr4,
                    X86Regime.EFER_LME | X86Regime.EFER_NXE | (1L << 10)));
        }
    }

    static final class Arm64 extends PageTables {
        static final long AF = Arm64Descriptor.AF;
        /** TTBR1's table, shared by every address space. */
        final long kernelRoot = newTable();

        @Override
        long entryAddress(long root, long va, int level) {
            long table = root;
            for (int l = 0; l < level; l++) {
                long ea = table + ((va >>> shift(l)) & 0x1FF) * 8;
                long d = mem.read64(ea);
                if ((d & 1) == 0) {
                    d = newTable() | Arm64Descriptor.TYPE_TABLE;
                    mem.write64(ea, d);
                }
                table = d & Arm64Descriptor.ADDR_MASK;
            }
            return table + ((va >>> shift(level)) & 0x1FF) * 8;
        }

        private static int shift(int level) {
            return 12 + 9 * (3 - level);
        }

        /** Maps a page (level 3) or block (level 1: 1 GiB, 2: 2 MiB) with AF set; returns the descriptor's address. */
        long map(long root, long va, long pa, int level, long attrs) {
            long ea = entryAddress(root, va, level);
            long type = level == 3 ? Arm64Descriptor.TYPE_PAGE : Arm64Descriptor.TYPE_BLOCK;
            mem.write64(ea, pa | attrs | AF | type);
            return ea;
        }

        /** TTBR0 = {@code root} with {@code asid} (16-bit ASIDs), TTBR1 = {@link #kernelRoot}. */
        @Override
        PageWalker walker(long root, int asid) {
            return PageWalker.arm64(mem, new Arm64Regime(Arm64Regime.SCTLR_M,
                    Arm64Regime.tcr4k(16, 16) | Arm64Regime.TCR_AS, root | ((long) asid << 48), kernelRoot));
        }
    }
}
