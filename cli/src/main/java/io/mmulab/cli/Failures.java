package io.mmulab.cli;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.Minimizer;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.explore.Trace;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns failing runs into minimised, replayable trace files. */
final class Failures {
    /** Runs the minimiser may spend on one failure. */
    static final int MINIMIZE_RUNS = 300;

    /** One failure as reports and JSON show it. */
    /** {@code replay}: the decisions that reproduce it, minimised where that worked. */
    record Info(String kind, String message, long run, Path trace, int vcpu, long pc, String symbol, String line,
               List<io.mmulab.emulator.elf.InlineTable.Frame> frames, List<io.mmulab.emulator.explore.Decision> replay) {
    }

    private final MachineRunner runner;
    private final ElfImage image;
    private final MachineConfig config;
    private final Path traceDir;

    Failures(MachineRunner runner, ElfImage image, MachineConfig config, Path traceDir) {
        this.runner = runner;
        this.image = image;
        this.config = config;
        this.traceDir = traceDir;
    }

    List<Info> write(Explorer.Summary summary) {
        List<Info> out = new ArrayList<>();
        for (Explorer.Found f : summary.failures()) {
            RunResult r = f.result();
            Outcome o = r.outcome();
            String symbol = image.symbols().describe(o.pc());
            String line = image.sourceLines().describe(o.pc());
            List<io.mmulab.emulator.explore.Decision> minimal = minimize(r);
            Trace t = new Trace(image.path().toAbsolutePath().toString(), image.sha256(), config, f.scheduler(), f.run(),
                    runner.checkpointed(), Trace.Failure.of(o, symbol, line), r.steps(), r.decisions(), minimal);
            Path file = traceDir.resolve(String.format("%s-%s-%s-seed%d-run%d.json",
                    stripElf(image.path().getFileName().toString()), config.arch(), config.model().displayName(),
                    config.seed(), f.run()));
            try {
                t.write(file);
            } catch (IOException e) {
                throw new UserError("cannot write trace " + file + ": " + e.getMessage());
            }
            out.add(new Info(o.kind().name(), o.message(), f.run(), file, o.cpu(), o.pc(), symbol, line,
                    image.inlining().frames(o.pc(), image.sourceLines()), minimal.isEmpty() ? r.decisions() : minimal));
        }
        return out;
    }

    /** The fewest deviations that still fail the same way; empty when that cannot be had (no checkpoint). */
    private List<io.mmulab.emulator.explore.Decision> minimize(RunResult r) {
        if (!runner.checkpointed() || r.outcome().kind() == Outcome.Kind.RUNAWAY) {
            return List.of();   // (every replay of a runaway waits for the watchdog)
        }
        try {
            return new Minimizer(runner, MINIMIZE_RUNS).minimize(r).result().decisions();
        } catch (IllegalStateException | IllegalArgumentException e) {
            return List.of();   // the trace still has the run as found
        }
    }

    private static String stripElf(String name) {
        return name.endsWith(".elf") ? name.substring(0, name.length() - 4) : name;
    }
}
