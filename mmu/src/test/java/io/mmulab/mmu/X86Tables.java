package io.mmulab.mmu;

/** Test helper: builds x86-64 4-level tables in a small memory from a bump allocator. */
final class X86Tables {
    static final long TABLE_FLAGS = X86Pte.P | X86Pte.RW | X86Pte.US;

    final SegmentPhysicalMemory mem;
    final long root;
    private long next;

    X86Tables(SegmentPhysicalMemory mem, long tableArea) {
        this.mem = mem;
        this.next = tableArea;
        this.root = newTable();
    }

    /** 4 MiB of memory, tables from 1 MiB up. */
    static X86Tables small() {
        return new X86Tables(SegmentPhysicalMemory.allocate(4 << 20), 1 << 20);
    }

    long newTable() {
        long t = next;
        next += 4096;
        for (int i = 0; i < 512; i++) {
            mem.write64(t + i * 8L, 0);
        }
        return t;
    }

    static long index(long va, int level) {
        return (va >>> (12 + 9 * (level - 1))) & 0x1FF;
    }

    /** The entry for {@code va} at {@code level}, creating tables above it with {@code tableFlags}. */
    long entryAddress(long va, int level, long tableFlags) {
        long table = root;
        for (int l = 4; l > level; l--) {
            long ea = table + index(va, l) * 8;
            long e = mem.read64(ea);
            if ((e & X86Pte.P) == 0) {
                e = newTable() | tableFlags;
                mem.write64(ea, e);
            }
            table = e & X86Pte.ADDR_MASK;
        }
        return table + index(va, level) * 8;
    }

    long entryAddress(long va, int level) {
        return entryAddress(va, level, TABLE_FLAGS);
    }

    /** Maps a page of the size {@code level} implies; PS is added for levels 2 and 3. */
    long map(long va, long pa, int level, long leafFlags, long tableFlags) {
        long ea = entryAddress(va, level, tableFlags);
        mem.write64(ea, pa | leafFlags | (level > 1 ? X86Pte.PS : 0));
        return ea;
    }

    long map(long va, long pa, int level, long leafFlags) {
        return map(va, pa, level, leafFlags, TABLE_FLAGS);
    }

    /** ORs {@code set} into and clears {@code clear} from the entry at {@code level} for {@code va}. */
    void modify(long va, int level, long set, long clear) {
        long ea = entryAddress(va, level);
        mem.write64(ea, (mem.read64(ea) | set) & ~clear);
    }

    long entry(long va, int level) {
        return mem.read64(entryAddress(va, level));
    }

    X86Regime regime() {
        return X86Regime.longMode(root);
    }

    PageWalker walker() {
        return PageWalker.x86(mem, regime());
    }

    PageWalker walker(long cr0, long cr4, long efer) {
        return PageWalker.x86(mem, new X86Regime(cr0, root, cr4, efer));
    }
}
