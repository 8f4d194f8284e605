package io.mmulab.mmu;

/**
 * One valid leaf of a page-table tree, as listed by {@link PageTableDumper}: {@code size} bytes
 * at {@code va} map to {@code pa}. {@code kernel} and {@code user} are the permissions at each
 * privilege; {@code accessed}/{@code dirty} are x86 A/D, ARM64 AF and (DBM set and AP[2] clear);
 * {@code entry} is the raw leaf entry (of the first leaf, for coalesced runs).
 */
public record LeafMapping(long va, long pa, long size, int level, Permissions kernel, Permissions user,
                          boolean global, boolean accessed, boolean dirty, long entry) {
    /** The first virtual address after this mapping (0 when it ends at the top of the address space). */
    public long vaEnd() {
        return va + size;
    }

    @Override
    public String toString() {
        return String.format("0x%016x-0x%016x -> 0x%012x %s L%d k:%s u:%s%s%s%s", va, va + size - 1, pa,
                sizeName(size), level, kernel, user, global ? " G" : "", accessed ? " A" : "", dirty ? " D" : "");
    }

    private static String sizeName(long size) {
        if (size % (1L << 30) == 0) {
            return (size >>> 30) + "G";
        }
        if (size % (1L << 20) == 0) {
            return (size >>> 20) + "M";
        }
        return (size >>> 10) + "K";
    }
}
