package io.mmulab.mmu;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of translating one virtual address.
 *
 * <p>When a leaf entry was reached ({@link #translated()}), {@code pa}, {@code pageSize},
 * {@code perms}, {@code global} and {@code asidOrPcid} describe it even if the access then
 * faulted (PERMISSION, ACCESS_FLAG, or an output address outside memory), so fault reports can
 * show what the guest had mapped. Otherwise {@code pa} is -1 and {@code pageSize} 0.
 * {@code faultLevel} is the level of the entry that caused the fault (architecture numbering,
 * see {@link PageTableEntryRef}); 0 for faults found before any table was read (x86
 * non-canonical, ARM64 out of range or EPD, translation off); -1 when there is no fault.
 * {@code chain} lists the entries read, top level first.
 */
public record WalkResult(boolean ok, long va, long pa, long pageSize, Permissions perms, boolean global,
                         int asidOrPcid, FaultKind fault, int faultLevel, List<PageTableEntryRef> chain) {
    /** Page size reported for translation-off (identity) results. */
    public static final long IDENTITY_PAGE_SIZE = 4096;

    public WalkResult {
        Objects.requireNonNull(perms, "perms");
        Objects.requireNonNull(fault, "fault");
        chain = List.copyOf(chain);
        if (ok != (fault == FaultKind.NONE)) {
            throw new IllegalArgumentException("ok=" + ok + " contradicts fault=" + fault);
        }
    }

    /** A successful translation. */
    public static WalkResult success(long va, long pa, long pageSize, Permissions perms, boolean global,
                                     int asidOrPcid, List<PageTableEntryRef> chain) {
        return new WalkResult(true, va, pa, pageSize, perms, global, asidOrPcid, FaultKind.NONE, -1, chain);
    }

    /** A fault before any leaf was found: no translation exists. */
    public static WalkResult fault(long va, FaultKind fault, int level, List<PageTableEntryRef> chain) {
        return new WalkResult(false, va, -1, 0, Permissions.NONE, false, 0, fault, level, chain);
    }

    /** Translation off: pa = va if it lies in memory, else an ADDRESS_SIZE fault. */
    public static WalkResult identity(long va, long memorySize) {
        if (va >= 0 && va < memorySize) {
            return success(va, va, IDENTITY_PAGE_SIZE, Permissions.ALL, false, 0, List.of());
        }
        return fault(va, FaultKind.ADDRESS_SIZE, 0, List.of());
    }

    /** This translation, but failed with {@code kind} at {@code level} (keeps pa, perms, chain). */
    public WalkResult withFault(FaultKind kind, int level) {
        if (kind == FaultKind.NONE) {
            throw new IllegalArgumentException("withFault needs a fault kind");
        }
        return new WalkResult(false, va, pa, pageSize, perms, global, asidOrPcid, kind, level, chain);
    }

    /** This result with a different chain (entry values after a hardware A/D/AF update). */
    public WalkResult withChain(List<PageTableEntryRef> newChain) {
        return new WalkResult(ok, va, pa, pageSize, perms, global, asidOrPcid, fault, faultLevel, newChain);
    }

    /** Whether a leaf entry was reached, so {@code pa} and {@code perms} mean something. */
    public boolean translated() {
        return pageSize > 0;
    }

    /** Physical address of the start of the page (pa with the in-page offset cleared). */
    public long pageBase() {
        return pa & -pageSize;
    }

    /** The last entry read (the leaf when translated), or null when no table was read. */
    public PageTableEntryRef leaf() {
        return chain.isEmpty() ? null : chain.getLast();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WalkResult[");
        sb.append(String.format("va=0x%x", va));
        if (ok) {
            sb.append(" ok");
        } else {
            sb.append(' ').append(fault).append(" at level ").append(faultLevel);
        }
        if (translated()) {
            sb.append(String.format(" pa=0x%x size=0x%x %s%s asid=%d", pa, pageSize, perms,
                    global ? " global" : "", asidOrPcid));
        }
        sb.append(" chain=").append(chain).append(']');
        return sb.toString();
    }
}
