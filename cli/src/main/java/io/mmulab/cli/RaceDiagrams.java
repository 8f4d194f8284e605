package io.mmulab.cli;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.machine.Machine;

/** {@code replay --diagram}: the failure, then the race diagram of the replayed run. */
final class RaceDiagrams {
    private RaceDiagrams() {
    }

    static String render(ElfImage image, Machine m, RunResult r) {
        String header = r.outcome() == null ? "" : r.outcome().kind() + ": " + r.outcome().message() + "\n\n";
        return header + io.mmulab.emulator.explore.RaceDiagrams.render(image, m.events());
    }
}
