package io.mmulab.mmu.tlb;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageTableEntryRef;
import io.mmulab.mmu.Permissions;
import io.mmulab.mmu.Privilege;
import java.util.List;
import java.util.Objects;

/**
 * One cached translation: the page at {@code va} (page base) maps to {@code pa} (page base) with
 * {@code perms} as computed for {@code privilege}. A global entry matches every ASID/PCID;
 * {@code asid} then only records which address space filled it. {@code fillStep} is the
 * scheduler step of the fill and {@code chain} the entries the walk read, so a report can say
 * which page-table write the entry predates.
 */
public record TlbEntry(long va, long pa, long pageSize, Permissions perms, Privilege privilege,
                       boolean global, int asid, long fillStep, List<PageTableEntryRef> chain) {
    public TlbEntry {
        Objects.requireNonNull(perms, "perms");
        Objects.requireNonNull(privilege, "privilege");
        chain = List.copyOf(chain);
        if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: 0x" + Long.toHexString(pageSize));
        }
        if ((va & (pageSize - 1)) != 0 || (pa & (pageSize - 1)) != 0) {
            throw new IllegalArgumentException(String.format(
                    "va 0x%x and pa 0x%x must be aligned to the page size 0x%x", va, pa, pageSize));
        }
    }

    public boolean covers(long address) {
        return (address & -pageSize) == va;
    }

    /** The physical address of {@code address}, which this entry must cover. */
    public long translate(long address) {
        return pa | (address & (pageSize - 1));
    }

    public boolean permits(AccessType access) {
        return perms.allows(access);
    }

    /** Whether this entry is used for lookups with {@code lookupAsid}. */
    public boolean matchesAsid(int lookupAsid) {
        return global || asid == lookupAsid;
    }

    /** Last address covered (inclusive), so ranges ending at 2^64 need no overflow care. */
    public long lastVa() {
        return va + (pageSize - 1);
    }

    @Override
    public String toString() {
        return String.format("0x%x->0x%x %s %s %s %s step %d", va, pa, sizeName(pageSize), perms, privilege,
                global ? "global" : "asid " + asid, fillStep);
    }

    static String sizeName(long size) {
        if (size >= 1L << 30 && size % (1L << 30) == 0) {
            return (size >>> 30) + "G";
        }
        if (size >= 1L << 20 && size % (1L << 20) == 0) {
            return (size >>> 20) + "M";
        }
        return (size >>> 10) + "K";
    }
}
