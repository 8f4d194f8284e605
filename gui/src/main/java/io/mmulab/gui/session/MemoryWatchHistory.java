package io.mmulab.gui.session;

import io.mmulab.mmu.PhysicalMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed value of each physical watchpoint at every decision, on the worker thread:
 * a replay from the checkpoint records the values again, so "changed at decision n" means
 * the same thing however decision n was reached.
 */
final class MemoryWatchHistory {
    private final Map<MemoryWatch, List<Long>> values = new HashMap<>();

    /** Records the values at decision {@code n}. */
    void sample(PhysicalMemory committed, int n, List<MemoryWatch> watches) {
        for (MemoryWatch w : watches) {
            List<Long> h = values.computeIfAbsent(w, k -> new ArrayList<>());
            while (h.size() > n) {
                h.removeLast();
            }
            while (h.size() < n) {
                h.add(null);   // not watched yet then
            }
            h.add(committed.contains(w.pa(), w.size()) ? committed.readSized(w.pa(), w.size()) : null);
        }
    }

    /** A watchpoint whose value changed between decisions {@code n - 1} and {@code n}, as a sentence; null when none. */
    String changedAt(int n, List<MemoryWatch> watches) {
        for (MemoryWatch w : watches) {
            List<Long> h = values.get(w);
            if (n == 0 || h == null || h.size() <= n || h.get(n - 1) == null || h.get(n) == null) {
                continue;
            }
            long before = h.get(n - 1);
            long now = h.get(n);
            if (before != now) {
                return String.format("watchpoint %s changed 0x%x -> 0x%x", w.describe(), before, now);
            }
        }
        return null;
    }
}
