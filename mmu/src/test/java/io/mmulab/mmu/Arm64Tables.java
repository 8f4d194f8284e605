package io.mmulab.mmu;

/** Test helper: builds ARM64 4 KiB-granule tables for both TTBRs from a bump allocator. */
final class Arm64Tables {
    static final long TABLE = Arm64Descriptor.TYPE_TABLE;
    /** Leaf attributes most tests want: access flag set, EL1 read/write, EL0 none, global. */
    static final long KERNEL_RW = Arm64Descriptor.AF;

    final SegmentPhysicalMemory mem;
    final int t0sz;
    final int t1sz;
    final long root0;
    final long root1;
    private long next;

    Arm64Tables(SegmentPhysicalMemory mem, long tableArea, int t0sz, int t1sz) {
        this.mem = mem;
        this.next = tableArea;
        this.t0sz = t0sz;
        this.t1sz = t1sz;
        this.root0 = newTable();
        this.root1 = newTable();
    }

    /** 4 MiB of memory, tables from 1 MiB up. */
    static Arm64Tables small(int t0sz, int t1sz) {
        return new Arm64Tables(SegmentPhysicalMemory.allocate(4 << 20), 1 << 20, t0sz, t1sz);
    }

    long newTable() {
        long t = next;
        next += 4096;
        for (int i = 0; i < 512; i++) {
            mem.write64(t + i * 8L, 0);
        }
        return t;
    }

    static int shift(int level) {
        return 12 + 9 * (3 - level);
    }

    static int startLevel(int txsz) {
        int bits = 64 - txsz;
        return bits > 39 ? 0 : bits > 30 ? 1 : 2;
    }

    boolean upper(long va) {
        return va < 0;
    }

    int startLevelFor(long va) {
        return startLevel(upper(va) ? t1sz : t0sz);
    }

    private long index(long va, int level) {
        int txsz = upper(va) ? t1sz : t0sz;
        int bits = level == startLevel(txsz) ? 64 - txsz - shift(level) : 9;
        return (va >>> shift(level)) & ((1L << bits) - 1);
    }

    /** The descriptor address for {@code va} at {@code level}, creating tables with {@code tableBits}. */
    long entryAddress(long va, int level, long tableBits) {
        long table = upper(va) ? root1 : root0;
        for (int l = startLevelFor(va); l < level; l++) {
            long ea = table + index(va, l) * 8;
            long d = mem.read64(ea);
            if ((d & 1) == 0) {
                d = newTable() | TABLE | tableBits;
                mem.write64(ea, d);
            }
            table = d & Arm64Descriptor.ADDR_MASK;
        }
        return table + index(va, level) * 8;
    }

    long entryAddress(long va, int level) {
        return entryAddress(va, level, 0);
    }

    /** A 4 KiB page descriptor (0b11 at level 3). */
    long mapPage(long va, long pa, long attrs) {
        long ea = entryAddress(va, 3);
        mem.write64(ea, pa | attrs | Arm64Descriptor.TYPE_PAGE);
        return ea;
    }

    /** A block descriptor (0b01) at level 1 (1 GiB) or 2 (2 MiB). */
    long mapBlock(long va, long pa, int level, long attrs) {
        long ea = entryAddress(va, level);
        mem.write64(ea, pa | attrs | Arm64Descriptor.TYPE_BLOCK);
        return ea;
    }

    void modify(long va, int level, long set, long clear) {
        long ea = entryAddress(va, level);
        mem.write64(ea, (mem.read64(ea) | set) & ~clear);
    }

    long entry(long va, int level) {
        return mem.read64(entryAddress(va, level));
    }

    Arm64Regime regime(long extraTcr, long extraSctlr, int asid0, int asid1) {
        return new Arm64Regime(Arm64Regime.SCTLR_M | extraSctlr, Arm64Regime.tcr4k(t0sz, t1sz) | extraTcr,
                root0 | ((long) asid0 << 48), root1 | ((long) asid1 << 48));
    }

    Arm64Regime regime() {
        return regime(0, 0, 0, 0);
    }

    PageWalker walker() {
        return PageWalker.arm64(mem, regime());
    }

    PageWalker walker(long extraTcr, long extraSctlr) {
        return PageWalker.arm64(mem, regime(extraTcr, extraSctlr, 0, 0));
    }
}
