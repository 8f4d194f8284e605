package io.mmulab.mmu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies a hardware walker's accessed/dirty updates to the entries of a successful walk, one
 * compare-and-set per changed entry. If an entry no longer holds the value the walk read, the
 * walk is redone, as a hardware walker restarts when its atomic update loses a race.
 */
final class HardwareUpdater {
    /** Walks that keep losing are a model bug, not a livelock to wait out. */
    private static final int MAX_ATTEMPTS = 64;

    /** The value an entry should hold after this access; {@code leaf} marks the last entry. */
    @FunctionalInterface
    interface Rule {
        long updated(PageTableEntryRef entry, boolean leaf);
    }

    private HardwareUpdater() {
    }

    static WalkResult walkAndUpdate(PhysicalMemory mem, long va, Supplier<WalkResult> walk, Rule rule) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            WalkResult r = walk.get();
            if (!r.ok() || r.chain().isEmpty()) {
                return r;
            }
            List<PageTableEntryRef> updated = apply(mem, r.chain(), rule);
            if (updated != null) {
                return r.withChain(updated);
            }
        }
        throw new IllegalStateException(String.format(
                "page-table entries for va 0x%x changed under %d consecutive hardware updates", va, MAX_ATTEMPTS));
    }

    /** The chain as it is after the updates, or null if a compare-and-set lost. */
    private static List<PageTableEntryRef> apply(PhysicalMemory mem, List<PageTableEntryRef> chain, Rule rule) {
        List<PageTableEntryRef> out = new ArrayList<>(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            PageTableEntryRef e = chain.get(i);
            long nv = rule.updated(e, i == chain.size() - 1);
            if (nv != e.value()) {
                if (!mem.compareAndSet64(e.entryAddress(), e.value(), nv)) {
                    return null;
                }
                e = new PageTableEntryRef(e.level(), e.entryAddress(), nv);
            }
            out.add(e);
        }
        return out;
    }
}
