package io.mmulab.gui.session;

import io.mmulab.gui.view.PageTableNode;
import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.Arm64Descriptor;
import io.mmulab.mmu.LeafMapping;
import io.mmulab.mmu.PageTableEntryRef;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.TranslationRegime;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.X86Pte;
import io.mmulab.mmu.X86Regime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the page-table tree from the leaves {@code PageTableDumper} lists: each leaf is walked
 * again (pure walk, committed memory) for its chain of entries, and chains sharing a table
 * entry share a node. Marks the entries that changed since the machine last stopped at another
 * position (a decision or a stop inside a step): after one step, what that step changed; after
 * a run to a breakpoint, everything the run changed. Snapshots taken while running on, every
 * few milliseconds, compare with the same stop and never become one, so what is marked does
 * not depend on timing.
 */
final class PageTableTree {
    /** Entry address -> value at the last stop, at the stop before it, and which position the last stop was. */
    private Map<Long, Long> lastStop = Map.of();
    private Map<Long, Long> stopBefore = Map.of();
    private Object lastStopAt;

    /**
     * @param stoppedAt the position when the machine is stopped there (any value equal for the
     *                  same position), null while it runs on
     */
    List<PageTableNode> build(PhysicalMemory committed, TranslationRegime regime, List<LeafMapping> leaves,
                              Object stoppedAt) {
        if (!regime.translationEnabled()) {
            return List.of();
        }
        PageWalker walker = PageWalker.of(committed, regime);
        Builder root = new Builder(null, 0, 0, 0, 0, false);
        Map<Long, Long> now = new HashMap<>();
        boolean x86 = regime instanceof X86Regime;
        for (LeafMapping leaf : leaves) {
            WalkResult w = walker.walk(leaf.va(), AccessType.READ, Privilege.KERNEL);
            List<PageTableEntryRef> chain = w.chain();
            Builder at = root;
            for (int i = 0; i < chain.size(); i++) {
                PageTableEntryRef e = chain.get(i);
                boolean last = i == chain.size() - 1;
                long span = x86 ? X86Pte.levelSpan(e.level()) : Arm64Descriptor.levelSpan(e.level());
                long va = leaf.va() & -span;
                Builder parent = at;
                at = parent.children.computeIfAbsent(e.entryAddress(),
                        a -> new Builder(e, e.level(), va, span, (int) ((a & 0xfff) >>> 3), last));
                now.put(e.entryAddress(), e.value());
            }
        }
        Map<Long, Long> before;
        if (stoppedAt == null) {
            before = lastStop;
        } else if (stoppedAt.equals(lastStopAt)) {
            before = stopBefore;   // the same stop drawn again (another vCPU selected, ...)
        } else {
            before = lastStop;
            stopBefore = lastStop;
            lastStop = now;
            lastStopAt = stoppedAt;
        }
        List<PageTableNode> out = new ArrayList<>();
        for (Builder b : root.children.values()) {
            out.add(b.node(before, x86));
        }
        return out;
    }

    private static final class Builder {
        final PageTableEntryRef entry;
        final int level;
        final long va;
        final long span;
        final int index;
        final boolean leaf;
        final Map<Long, Builder> children = new LinkedHashMap<>();

        Builder(PageTableEntryRef entry, int level, long va, long span, int index, boolean leaf) {
            this.entry = entry;
            this.level = level;
            this.va = va;
            this.span = span;
            this.index = index;
            this.leaf = leaf;
        }

        PageTableNode node(Map<Long, Long> before, boolean x86) {
            List<PageTableNode> kids = new ArrayList<>();
            for (Builder b : children.values()) {
                kids.add(b.node(before, x86));
            }
            Long old = before.get(entry.entryAddress());
            boolean changed = !before.isEmpty() && (old == null || old != entry.value());
            return new PageTableNode(level, index, entry.entryAddress(), entry.value(), va, span, leaf,
                    x86 ? x86Flags(entry.value(), leaf) : arm64Flags(entry.value(), leaf), changed, List.copyOf(kids));
        }
    }

    static String x86Flags(long e, boolean leaf) {
        StringBuilder b = new StringBuilder();
        flag(b, e, X86Pte.P, "P");
        flag(b, e, X86Pte.RW, "RW");
        flag(b, e, X86Pte.US, "US");
        flag(b, e, X86Pte.A, "A");
        if (leaf) {
            flag(b, e, X86Pte.D, "D");
            flag(b, e, X86Pte.G, "G");
            flag(b, e, X86Pte.PS, "PS");
        }
        flag(b, e, X86Pte.NX, "NX");
        return b.toString().strip();
    }

    static String arm64Flags(long e, boolean leaf) {
        StringBuilder b = new StringBuilder();
        if (!leaf) {
            b.append("TABLE");
            flag(b, e, Arm64Descriptor.AP_TABLE_RO, "APTable=ro");
            flag(b, e, Arm64Descriptor.PXN_TABLE, "PXNTable");
            return b.toString();
        }
        b.append((e & Arm64Descriptor.TYPE_MASK) == Arm64Descriptor.TYPE_BLOCK ? "BLOCK" : "PAGE");
        b.append((e & Arm64Descriptor.AP_RO) != 0 ? " ro" : " rw");
        flag(b, e, Arm64Descriptor.AP_EL0, "EL0");
        flag(b, e, Arm64Descriptor.AF, "AF");
        flag(b, e, Arm64Descriptor.NG, "nG");
        flag(b, e, Arm64Descriptor.DBM, "DBM");
        flag(b, e, Arm64Descriptor.PXN, "PXN");
        flag(b, e, Arm64Descriptor.UXN, "UXN");
        return b.toString();
    }

    private static void flag(StringBuilder b, long e, long bit, String name) {
        if ((e & bit) != 0) {
            b.append(' ').append(name);
        }
    }
}
