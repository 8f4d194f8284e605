package io.mmulab.mmu.tlb;

import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.X86Regime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One vCPU's TLB model, the source of truth for its translations: the MMU looks here first and
 * walks only on a miss, so an entry lives until an invalidation the architecture defines removes
 * it (or capacity evicts it: dropping an entry early is always allowed, keeping it is not).
 *
 * <p>Entries are leaf translations of 4 KiB, 2 MiB or 1 GiB pages, tagged with the privilege
 * they were walked for (our permissions are per privilege) and an ASID/PCID unless global. VAs
 * are compared in full: on ARM64 the caller strips a top byte ignored under TBI before lookup
 * and fill; TLBI operands, which carry VA[55:12], are sign-extended from bit 55 to match.
 * Invalidations ignore privilege (hardware has one entry for both).
 *
 * <p>Not thread-safe: it belongs to its vCPU and is touched only on that vCPU's turn.
 */
public final class Tlb {
    private static final long[] SIZES = {1L << 12, 1L << 21, 1L << 30};
    private static final Privilege[] PRIVS = Privilege.values();

    private final int cpu;
    private final int capacity;
    private final Node[] buckets;
    private final int[] countBySize = new int[SIZES.length];
    /** Fill order, oldest first: the eviction order. */
    private Node oldest;
    private Node newest;
    private int size;

    private static final class Node {
        final TlbEntry entry;
        final int sizeIndex;
        Node hashNext;
        Node older;
        Node newer;

        Node(TlbEntry entry, int sizeIndex) {
            this.entry = entry;
            this.sizeIndex = sizeIndex;
        }
    }

    public Tlb(int cpu, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("TLB capacity must be at least 1, got " + capacity);
        }
        this.cpu = cpu;
        this.capacity = capacity;
        this.buckets = new Node[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1];
    }

    public int cpu() {
        return cpu;
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    /** The entry for {@code priv} covering {@code va} that is global or of {@code asid}, else null. Allocation-free. */
    public TlbEntry lookup(long va, int asid, Privilege priv) {
        for (int s = 0; s < SIZES.length; s++) {
            if (countBySize[s] == 0) {
                continue;
            }
            long base = va & -SIZES[s];
            for (Node n = buckets[bucket(base, s, priv)]; n != null; n = n.hashNext) {
                TlbEntry e = n.entry;
                if (e.va() == base && n.sizeIndex == s && e.privilege() == priv && e.matchesAsid(asid)) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * Caches a successful walk. Entries it would conflict with (same privilege, overlapping, and
     * visible to a common ASID) are dropped first, so lookups never have two candidates;
     * hardware may hold both, and then may use either, so dropping the older is allowed.
     * When full, the oldest fill is evicted.
     */
    public TlbEntry fill(WalkResult ok, Privilege priv, int asid, long step) {
        Objects.requireNonNull(ok, "ok");
        if (!ok.ok()) {
            throw new IllegalArgumentException("only successful walks are cached: " + ok);
        }
        int s = sizeIndex(ok.pageSize());
        TlbEntry e = new TlbEntry(ok.va() & -ok.pageSize(), ok.pageBase(), ok.pageSize(), ok.perms(), priv,
                ok.global(), asid, step, ok.chain());
        dropConflicts(e);
        if (size == capacity) {
            unlink(oldest);
        }
        link(new Node(e, s));
        return e;
    }

    /** Drops {@code e} (matched by equality) if present. */
    public boolean remove(TlbEntry e) {
        int s = sizeIndex(e.pageSize());
        for (Node n = buckets[bucket(e.va(), s, e.privilege())]; n != null; n = n.hashNext) {
            if (n.entry.equals(e)) {
                unlink(n);
                return true;
            }
        }
        return false;
    }

    /** Sorted by VA (unsigned), ASID, privilege, then size and fill step: stable for display. */
    public List<TlbEntry> entries() {
        List<TlbEntry> out = new ArrayList<>(size);
        for (Node n = oldest; n != null; n = n.newer) {
            out.add(n.entry);
        }
        out.sort(Comparator.<TlbEntry, Long>comparing(TlbEntry::va, Long::compareUnsigned)
                .thenComparingInt(TlbEntry::asid)
                .thenComparing(TlbEntry::privilege)
                .thenComparingLong(TlbEntry::pageSize)
                .thenComparingLong(TlbEntry::fillStep));
        return out;
    }

    // ---- x86 ----

    /** INVLPG: entries for the page of {@code va} of the current PCID, and global ones (SDM 4.10.4.1). */
    public boolean x86Invlpg(long va, int currentPcid) {
        return dropCovering(va, e -> e.matchesAsid(currentPcid));
    }

    /**
     * A #PF on {@code va}: the processor drops the entries for that page (current PCID and global)
     * before delivering it (SDM 4.10.4.2), so the handler's retry re-walks. Linux x86 relies on
     * this instead of flushing after it upgrades permissions; call it for every #PF.
     */
    public boolean x86PageFault(long va, int currentPcid) {
        return x86Invlpg(va, currentPcid);
    }

    /**
     * MOV to CR3. With CR4.PCIDE clear every non-global entry goes (all are PCID 0 then); with it
     * set, bit 63 of the new value clear drops the non-global entries of the new PCID
     * (CR3[11:0]) only, and bit 63 set (no-flush) drops nothing. Globals always survive.
     */
    public boolean x86WriteCr3(long newCr3, long cr4) {
        if ((cr4 & X86Regime.CR4_PCIDE) == 0) {
            return dropIf(e -> !e.global());
        }
        if (newCr3 < 0) {
            return false;
        }
        int pcid = (int) (newCr3 & 0xFFF);
        return dropIf(e -> !e.global() && e.asid() == pcid);
    }

    /** Everything, globals included: CR4.PGE toggled, CR4.PCIDE cleared, or INVPCID type 2. */
    public boolean x86FlushAll() {
        return dropIf(e -> true);
    }

    /**
     * INVPCID: 0 individual address (non-global entries of {@code pcid} for {@code va}),
     * 1 single context (non-global entries of {@code pcid}), 2 all contexts including globals,
     * 3 all contexts except globals. Other types #GP in the guest; here they throw.
     */
    public boolean x86Invpcid(int type, int pcid, long va) {
        if (pcid < 0 || pcid > 0xFFF) {
            throw new IllegalArgumentException("INVPCID: PCID must be 0..0xfff, got 0x" + Integer.toHexString(pcid));
        }
        return switch (type) {
            case 0 -> dropCovering(va, e -> !e.global() && e.asid() == pcid);
            case 1 -> dropIf(e -> !e.global() && e.asid() == pcid);
            case 2 -> x86FlushAll();
            case 3 -> dropIf(e -> !e.global());
            default -> throw new IllegalArgumentException("INVPCID type must be 0..3, got " + type);
        };
    }

    // ---- arm64 ----

    /** Performs {@code op} with operand {@code xt} on this TLB (see {@link Arm64TlbiOp} for the encodings). */
    public boolean arm64Tlbi(Arm64TlbiOp op, long xt) {
        int asid = Arm64TlbiOp.asidOf(xt);
        Predicate<TlbEntry> asidMatch = op.allAsids() ? e -> true : e -> e.matchesAsid(asid);
        return switch (op.scope()) {
            case ALL -> dropIf(e -> true);
            case ASID -> dropIf(e -> !e.global() && e.asid() == asid);
            case VA -> dropCovering(Arm64TlbiOp.vaOf(xt), asidMatch);
            case RANGE -> {
                long first = Arm64TlbiOp.rangeStart(xt);
                long last = first + (Arm64TlbiOp.rangeLength(xt) - 1);
                yield dropIf(e -> overlaps(e, first, last) && asidMatch.test(e));
            }
        };
    }

    private static boolean overlaps(TlbEntry e, long first, long last) {
        return Long.compareUnsigned(e.va(), last) <= 0 && Long.compareUnsigned(first, e.lastVa()) <= 0;
    }

    // ---- internals ----

    private static int sizeIndex(long pageSize) {
        for (int s = 0; s < SIZES.length; s++) {
            if (SIZES[s] == pageSize) {
                return s;
            }
        }
        throw new IllegalArgumentException("TLB entries are 4 KiB, 2 MiB or 1 GiB, not 0x" + Long.toHexString(pageSize));
    }

    private int bucket(long base, int sizeIndex, Privilege priv) {
        long k = (base | ((long) sizeIndex << 1) | priv.ordinal()) * 0x9E37_79B9_7F4A_7C15L;
        return (int) (k >>> 32) & (buckets.length - 1);
    }

    /** Entries covering {@code va} (any size, any privilege) that {@code match} accepts. */
    private boolean dropCovering(long va, Predicate<TlbEntry> match) {
        boolean dropped = false;
        for (int s = 0; s < SIZES.length; s++) {
            if (countBySize[s] == 0) {
                continue;
            }
            long base = va & -SIZES[s];
            for (Privilege p : PRIVS) {
                Node n = buckets[bucket(base, s, p)];
                while (n != null) {
                    Node next = n.hashNext;
                    if (n.entry.va() == base && n.sizeIndex == s && n.entry.privilege() == p && match.test(n.entry)) {
                        unlink(n);
                        dropped = true;
                    }
                    n = next;
                }
            }
        }
        return dropped;
    }

    private boolean dropIf(Predicate<TlbEntry> match) {
        boolean dropped = false;
        for (Node n = oldest; n != null; ) {
            Node next = n.newer;
            if (match.test(n.entry)) {
                unlink(n);
                dropped = true;
            }
            n = next;
        }
        return dropped;
    }

    private void dropConflicts(TlbEntry e) {
        Predicate<TlbEntry> conflict = o -> o.privilege() == e.privilege()
                && (e.global() || o.global() || o.asid() == e.asid());
        if (e.pageSize() == SIZES[0]) {
            // Only entries covering this page's address can overlap a 4 KiB page.
            dropCovering(e.va(), conflict);
        } else {
            dropIf(o -> overlaps(o, e.va(), e.lastVa()) && conflict.test(o));
        }
    }

    private void link(Node n) {
        int b = bucket(n.entry.va(), n.sizeIndex, n.entry.privilege());
        n.hashNext = buckets[b];
        buckets[b] = n;
        n.older = newest;
        if (newest != null) {
            newest.newer = n;
        } else {
            oldest = n;
        }
        newest = n;
        countBySize[n.sizeIndex]++;
        size++;
    }

    private void unlink(Node n) {
        int b = bucket(n.entry.va(), n.sizeIndex, n.entry.privilege());
        if (buckets[b] == n) {
            buckets[b] = n.hashNext;
        } else {
            Node p = buckets[b];
            while (p.hashNext != n) {
                p = p.hashNext;
            }
            p.hashNext = n.hashNext;
        }
        if (n.older != null) {
            n.older.newer = n.newer;
        } else {
            oldest = n.newer;
        }
        if (n.newer != null) {
            n.newer.older = n.older;
        } else {
            newest = n.older;
        }
        countBySize[n.sizeIndex]--;
        size--;
    }

    /** The entries from the oldest fill to the newest: with {@link #restore} a checkpoint of this TLB. */
    public List<TlbEntry> snapshot() {
        List<TlbEntry> out = new ArrayList<>(size);
        for (Node n = oldest; n != null; n = n.newer) {
            out.add(n.entry);
        }
        return out;
    }

    /** Makes this TLB hold exactly {@code entries} (from {@link #snapshot}), in that fill order. */
    public void restore(List<TlbEntry> entries) {
        java.util.Arrays.fill(buckets, null);
        java.util.Arrays.fill(countBySize, 0);
        oldest = null;
        newest = null;
        size = 0;
        for (TlbEntry e : entries) {
            link(new Node(e, sizeIndex(e.pageSize())));
        }
    }

    @Override
    public String toString() {
        return "Tlb[cpu " + cpu + ", " + size + "/" + capacity + " entries]";
    }
}
