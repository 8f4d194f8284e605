package io.mmulab.gui.session;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineInspector;
import io.mmulab.gui.view.KernelView;
import io.mmulab.kernel.KernelLayout;
import io.mmulab.kernel.KernelMemory;
import io.mmulab.kernel.LayoutException;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel-structure side of the snapshots, on the worker thread: decodes struct pages and
 * per-CPU counters from committed memory, and keeps the watched refcounts' values per
 * decision (sampled as the machine steps, re-recorded when a jump replays from the checkpoint).
 */
final class KernelInspector {
    private final KernelLayout layout;
    private final String problem;
    /** pfn to its values, index = decision number; an entry before the watch began is UNKNOWN. */
    private final Map<Long, List<Integer>> history = new HashMap<>();

    KernelInspector(ElfImage image) {
        KernelLayout l = null;
        String why = null;
        try {
            l = KernelLayout.of(image);
        } catch (LayoutException e) {
            why = "no kernel layouts in this image: " + e.getMessage();
        }
        this.layout = l;
        this.problem = why;
    }

    private KernelMemory memory(Machine m) {
        PhysicalMemory mem = m.memory().committed();
        // The kernel half of the tables is shared: any vCPU's regime reaches the vmemmap.
        return new KernelMemory(layout, mem, PageWalker.of(mem, new MachineInspector(m).regime(0)));
    }

    /** Records the watched refcounts as they are at decision {@code n}. */
    void sample(Machine m, int n, List<RefcountWatch> watches) {
        if (layout == null || watches.isEmpty()) {
            return;
        }
        KernelMemory km = memory(m);
        for (RefcountWatch w : watches) {
            List<Integer> h = history.computeIfAbsent(w.pfn(), k -> new ArrayList<>());
            while (h.size() > n) {
                h.removeLast();   // a replay from the checkpoint: the values are recorded again
            }
            while (h.size() < n) {
                h.add(KernelView.UNKNOWN);
            }
            h.add(km.refcount(w.pfn()).orElse(KernelView.UNKNOWN));
        }
    }

    /** A watchpoint whose refcount changed between decisions {@code n - 1} and {@code n}, as a sentence; null when none. */
    String watchpointHit(int n, List<RefcountWatch> watches) {
        for (RefcountWatch w : watches) {
            List<Integer> h = history.get(w.pfn());
            if (!w.stopOnChange() || h == null || h.size() <= n || n == 0) {
                continue;
            }
            int before = h.get(n - 1);
            int now = h.get(n);
            if (before != KernelView.UNKNOWN && now != before) {
                return String.format("watchpoint: refcount of pfn 0x%x changed %d -> %d", w.pfn(), before, now);
            }
        }
        return null;
    }

    KernelView build(Machine m, int cpus, int selectedCpu, long selectedFrame, boolean refcountOverlay,
                     List<RefcountWatch> watches) {
        if (layout == null) {
            return new KernelView(problem, null, new int[0], List.of(), List.of(), null, List.of());
        }
        KernelMemory km = memory(m);
        KernelView.PageDetail page = null;
        if (selectedFrame >= 0) {
            var p = km.structPage(selectedFrame);
            if (p.isPresent()) {
                page = new KernelView.PageDetail(p.get(), km.folio(selectedFrame).orElse(null));
            }
        }
        int[] refcounts = new int[0];
        if (refcountOverlay) {
            refcounts = new int[(int) m.ownership().frames()];
            for (int pfn = 0; pfn < refcounts.length; pfn++) {
                refcounts[pfn] = km.refcount(pfn).orElse(KernelView.UNKNOWN);
            }
        }
        List<KernelView.Watch> out = new ArrayList<>();
        int n = m.decisions().size();
        // a watch added just now, or the state after the last decision of a run: record it too
        sample(m, n, watches.stream().filter(w -> history.getOrDefault(w.pfn(), List.of()).size() != n + 1).toList());
        for (RefcountWatch w : watches) {
            List<Integer> h = history.getOrDefault(w.pfn(), List.of());
            int first = 0;
            while (first < Math.min(h.size(), n + 1) && h.get(first) == KernelView.UNKNOWN) {
                first++;
            }
            int end = Math.min(h.size(), n + 1);
            float[] values = new float[Math.max(0, end - first)];
            for (int i = first; i < end; i++) {
                int v = h.get(i);
                values[i - first] = v == KernelView.UNKNOWN ? 0f : v;
            }
            out.add(new KernelView.Watch(w.pfn(), w.stopOnChange(), km.refcount(w.pfn()).orElse(KernelView.UNKNOWN),
                    first, values));
        }
        List<KernelView.CpuCounters> counters = new ArrayList<>();
        for (int cpu = 0; cpu < cpus; cpu++) {
            var preempt = km.preemptCount(cpu);
            counters.add(new KernelView.CpuCounters(cpu, preempt,
                    preempt.isPresent() ? layout.describePreemptCount(preempt.getAsInt()) : "-", km.rcuNesting(cpu)));
        }
        return new KernelView(null, page, refcounts, List.copyOf(out), List.copyOf(counters),
                km.addressSpace(selectedCpu).orElse(null), km.addressSpaces());
    }
}
