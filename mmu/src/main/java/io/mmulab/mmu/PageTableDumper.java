package io.mmulab.mmu;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists every valid leaf mapping of a regime's page tables in ascending (unsigned) virtual
 * address order, for the GUI and CLI.
 *
 * <p>It drives the real walker rather than re-decoding entries, so what it shows is exactly
 * what translation would do: one walk per leaf or per hole, a hole at level L skipping that
 * entry's whole span. Entries the walker rejects (reserved bits, table pointers outside memory)
 * are left out; leaves whose page lies outside memory are listed. With translation off there
 * are no tables and the list is empty.
 */
public final class PageTableDumper {
    private PageTableDumper() {
    }

    public static List<LeafMapping> dump(PhysicalMemory mem, TranslationRegime regime) {
        List<LeafMapping> out = new ArrayList<>();
        if (!regime.translationEnabled()) {
            return out;
        }
        PageWalker walker = PageWalker.of(mem, regime);
        switch (regime) {
            case X86Regime x -> {
                scan(walker, 0, 1L << 47, out);
                scan(walker, -(1L << 47), 1L << 47, out);
            }
            case Arm64Regime a -> {
                if (!a.epd0()) {
                    scan(walker, 0, 1L << (64 - Arm64PageWalker.clampTxsz(a.t0sz())), out);
                }
                if (!a.epd1()) {
                    long length = 1L << (64 - Arm64PageWalker.clampTxsz(a.t1sz()));
                    scan(walker, -length, length, out);
                }
            }
        }
        return out;
    }

    /** Merges runs of mappings contiguous in both va and pa with identical attributes. */
    public static List<LeafMapping> coalesce(List<LeafMapping> mappings) {
        List<LeafMapping> out = new ArrayList<>();
        LeafMapping run = null;
        for (LeafMapping m : mappings) {
            if (run != null && m.va() == run.va() + run.size() && m.pa() == run.pa() + run.size()
                    && m.level() == run.level() && m.kernel().equals(run.kernel()) && m.user().equals(run.user())
                    && m.global() == run.global() && m.accessed() == run.accessed() && m.dirty() == run.dirty()) {
                run = new LeafMapping(run.va(), run.pa(), run.size() + m.size(), run.level(), run.kernel(),
                        run.user(), run.global(), run.accessed(), run.dirty(), run.entry());
            } else {
                if (run != null) {
                    out.add(run);
                }
                run = m;
            }
        }
        if (run != null) {
            out.add(run);
        }
        return out;
    }

    private static void scan(PageWalker walker, long start, long length, List<LeafMapping> out) {
        long offset = 0;
        while (offset < length) {
            long va = start + offset;
            WalkResult k = walker.walk(va, AccessType.READ, Privilege.KERNEL);
            long span;
            if (k.translated()) {
                WalkResult u = walker.walk(va, AccessType.READ, Privilege.USER);
                out.add(mapping(walker.regime(), k, u));
                span = k.pageSize();
            } else {
                span = levelSpan(walker.regime(), k.faultLevel());
            }
            offset = (va & -span) + span - start;
        }
    }

    private static LeafMapping mapping(TranslationRegime regime, WalkResult k, WalkResult u) {
        PageTableEntryRef leaf = k.leaf();
        long e = leaf.value();
        boolean accessed;
        boolean dirty;
        if (regime instanceof X86Regime) {
            accessed = (e & X86Pte.A) != 0;
            dirty = (e & X86Pte.D) != 0;
        } else {
            accessed = (e & Arm64Descriptor.AF) != 0;
            dirty = (e & Arm64Descriptor.DBM) != 0 && (e & Arm64Descriptor.AP_RO) == 0;
        }
        return new LeafMapping(k.va(), k.pageBase(), k.pageSize(), leaf.level(), k.perms(), u.perms(),
                k.global(), accessed, dirty, e);
    }

    private static long levelSpan(TranslationRegime regime, int level) {
        return switch (regime) {
            case X86Regime x -> X86Pte.levelSpan(Math.clamp(level, 1, 4));
            case Arm64Regime a -> Arm64Descriptor.levelSpan(Math.clamp(level, 0, 3));
        };
    }
}
