package io.mmulab.emulator.explore;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.machine.MachineEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The race diagram of a replayed run: only the shared locations that matter and the steps on
 * them. Shared means touched by more than one vCPU, at least one of them writing; of those,
 * the ones where an access of another vCPU fell between two accesses of one (the interleaving
 * that broke an assumption) are shown, or all shared ones when there is no such location.
 */
public final class RaceDiagrams {
    private RaceDiagrams() {
    }

    /** The diagram of {@code events} (a replayed run's, see Machine#recordEvents). */
    public static String render(ElfImage image, List<MachineEvent> events) {
        Map<Long, Integer> cpusByGranule = new HashMap<>();
        Set<Long> written = new TreeSet<>();
        Map<Long, List<MachineEvent>> byGranule = new HashMap<>();
        for (MachineEvent e : events) {
            if (e.addr() < 0) {
                continue;
            }
            long g = e.addr() & ~7L;
            cpusByGranule.merge(g, 1 << e.cpu(), (a, b) -> a | b);
            byGranule.computeIfAbsent(g, k -> new ArrayList<>()).add(e);
            if (e.kind() != MachineEvent.Kind.READ) {
                written.add(g);
            }
        }
        Set<Long> shared = new TreeSet<>();
        cpusByGranule.forEach((g, cpus) -> {
            if (Integer.bitCount(cpus) > 1 && written.contains(g)) {
                shared.add(g);
            }
        });
        // Where one CPU's accesses are split by another CPU's write (or its reads by a write
        // of the other), an interleaving broke something: show those only, when there are any.
        Set<Long> interesting = new TreeSet<>();
        for (long g : shared) {
            if (interleaved(byGranule.get(g))) {
                interesting.add(g);
            }
        }
        if (interesting.isEmpty()) {
            interesting = shared;
        }
        List<RaceDiagram.Event> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            MachineEvent e = events.get(i);
            long pc = e.kind() == MachineEvent.Kind.COMMIT ? storePc(events, i) : e.pc();
            out.add(new RaceDiagram.Event(e.step(), e.cpu(), function(image, pc), image.sourceLines().describe(pc),
                    e.what(), e.addr()));
        }
        return RaceDiagram.render(out, interesting);
    }

    /**
     * The function at {@code pc}, with the functions it was inlined into (innermost first):
     * {@code folio_try_get < filemap_get_entry}, the names a kernel developer reads. Deep chains
     * keep their two innermost and two outermost frames, so that both the primitive
     * ({@code atomic_try_cmpxchg}) and the kernel function that called it stay visible.
     */
    static String function(ElfImage image, long pc) {
        var frames = image.inlining().frames(pc, image.sourceLines());
        if (frames.isEmpty()) {
            return image.symbols().at(pc).map(ElfSymbol::name).orElse("0x" + Long.toHexString(pc));
        }
        List<String> names = new ArrayList<>();
        for (var f : frames) {
            names.add(f.function());
        }
        if (names.size() > 4) {
            names = List.of(names.get(0), names.get(1), "...", names.get(names.size() - 2),
                    names.get(names.size() - 1));
        }
        return String.join(" < ", names);
    }

    /**
     * A commit is shown at the store it makes visible (the latest earlier write of the same CPU,
     * bytes and value), not where its CPU happens to be when it commits.
     */
    private static long storePc(List<MachineEvent> events, int commit) {
        MachineEvent c = events.get(commit);
        for (int i = commit - 1; i >= 0; i--) {
            MachineEvent w = events.get(i);
            if (w.kind() == MachineEvent.Kind.WRITE && w.cpu() == c.cpu() && w.addr() == c.addr()
                    && w.size() == c.size() && w.value() == c.value()) {
                return w.pc();
            }
        }
        return c.pc();
    }

    /** Some CPU touched the location before and after another CPU's access, one of the three writing. */
    private static boolean interleaved(List<MachineEvent> ev) {
        for (int i = 0; i < ev.size(); i++) {
            MachineEvent a = ev.get(i);
            for (int j = i + 1; j < ev.size(); j++) {
                MachineEvent b = ev.get(j);
                if (b.cpu() == a.cpu()) {
                    break;
                }
                for (int k = j + 1; k < ev.size(); k++) {
                    MachineEvent c = ev.get(k);
                    if (c.cpu() == a.cpu() && (writes(a) || writes(b) || writes(c))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean writes(MachineEvent e) {
        return e.kind() != MachineEvent.Kind.READ;
    }
}
