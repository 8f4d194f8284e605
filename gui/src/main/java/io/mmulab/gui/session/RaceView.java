package io.mmulab.gui.session;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.explore.RaceDiagram;
import io.mmulab.emulator.machine.MachineEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The race diagram of the run on screen, chosen as {@code mmulab replay --diagram} chooses it:
 * the 8-byte granules that more than one vCPU touched and somebody wrote.
 */
final class RaceView {
    private RaceView() {
    }

    static String render(ElfImage image, List<MachineEvent> events) {
        Map<Long, Integer> cpusByGranule = new HashMap<>();
        Set<Long> written = new TreeSet<>();
        for (MachineEvent e : events) {
            if (e.addr() < 0) {
                continue;
            }
            long g = e.addr() & ~7L;
            cpusByGranule.merge(g, 1 << e.cpu(), (a, b) -> a | b);
            if (e.kind() != MachineEvent.Kind.READ) {
                written.add(g);
            }
        }
        Set<Long> interesting = new TreeSet<>();
        cpusByGranule.forEach((g, cpus) -> {
            if (Integer.bitCount(cpus) > 1 && written.contains(g)) {
                interesting.add(g);
            }
        });
        List<RaceDiagram.Event> out = new ArrayList<>();
        for (MachineEvent e : events) {
            String fn = image.symbols().at(e.pc()).map(ElfSymbol::name).orElse("0x" + Long.toHexString(e.pc()));
            out.add(new RaceDiagram.Event(e.step(), e.cpu(), fn, image.sourceLines().describe(e.pc()), e.what(), e.addr()));
        }
        return RaceDiagram.render(out, interesting);
    }
}
