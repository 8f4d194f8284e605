package io.mmulab.mmu.tlb;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.Arm64Regime;
import io.mmulab.mmu.FaultKind;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.TranslationRegime;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.X86Regime;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a TLB with the page tables in memory, for the GUI/CLI and the stale-TLB oracles.
 * An entry is stale when a fresh walk ({@link PageWalker#walk}, so nothing is written) at its
 * page base for its privilege finds no leaf, another physical address, other permissions, another
 * page size or another global bit. Accessed/dirty/AF bits are not compared: they change without
 * a flush by design. Non-global entries of an ASID/PCID other than the walker's current one
 * belong to another address space whose tables the walker cannot see; they are not checked.
 */
public final class TlbInspector {
    private TlbInspector() {
    }

    /** The views of {@code tlb}'s entries, in {@link Tlb#entries()} order. */
    public static List<TlbView> inspect(Tlb tlb, PageWalker fresh) {
        int current = currentAsid(fresh.regime());
        List<TlbView> out = new ArrayList<>(tlb.size());
        for (TlbEntry e : tlb.entries()) {
            out.add(inspect(e, fresh, current));
        }
        return out;
    }

    /** The view of one entry, walking with {@code fresh} whose regime has ASID/PCID {@code currentAsid}. */
    public static TlbView inspect(TlbEntry e, PageWalker fresh, int currentAsid) {
        if (!e.matchesAsid(currentAsid)) {
            return new TlbView(e, false, "asid " + e.asid() + " is not current (" + currentAsid + "): not checked");
        }
        String why = difference(e, fresh.walk(e.va(), AccessType.READ, e.privilege()));
        return new TlbView(e, !why.isEmpty(), why);
    }

    /** The ASID (ARM64) or PCID (x86) a walker for {@code regime} fills entries with. */
    public static int currentAsid(TranslationRegime regime) {
        return switch (regime) {
            case X86Regime x -> x.pcid();
            case Arm64Regime a -> a.asid();
        };
    }

    private static String difference(TlbEntry e, WalkResult r) {
        if (!r.translated()) {
            return r.fault() == FaultKind.TRANSLATION ? "not present any more"
                    : "walk now faults: " + r.fault() + " at level " + r.faultLevel();
        }
        List<String> why = new ArrayList<>(4);
        if (r.pa() != e.pa()) {
            why.add(String.format("now maps 0x%x", r.pa()));
        }
        if (!r.perms().equals(e.perms())) {
            why.add("permissions now " + r.perms() + " (was " + e.perms() + ")");
        }
        if (r.pageSize() != e.pageSize()) {
            why.add("now a " + TlbEntry.sizeName(r.pageSize()) + " page (was " + TlbEntry.sizeName(e.pageSize()) + ")");
        }
        if (r.global() != e.global()) {
            why.add(r.global() ? "now global" : "not global any more");
        }
        return String.join("; ", why);
    }
}
