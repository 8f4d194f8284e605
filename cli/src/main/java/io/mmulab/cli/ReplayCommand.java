package io.mmulab.cli;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ImageFormatException;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.ReplayDivergedException;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.explore.ScriptedScheduler;
import io.mmulab.emulator.explore.Trace;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineInspector;
import io.mmulab.emulator.machine.Outcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mmulab replay}: run a trace again, decision for decision. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a trace written by 'mmulab run' and check that it reaches the same failure.",
                "Exit codes: 0 reproduced, 1 not reproduced (diverged or another outcome), 2 bad input."})
final class ReplayCommand implements Callable<Integer> {
    static final int NOT_REPRODUCED = 1;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace file (JSON).")
    Path tracePath;

    @Option(names = "--diagram", description = "Print the minimal interleaving as a CPU-column race diagram.")
    boolean diagram;

    @Option(names = "--until", paramLabel = "STEP", description = "Stop after STEP decisions and print the machine's state.")
    Long until;

    @Option(names = "--image", paramLabel = "PATH", description = "The image, if it moved since the trace was written.")
    Path imagePath;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Trace trace;
        try {
            trace = Trace.read(tracePath);
        } catch (Trace.TraceFormatException e) {
            throw new UserError(e.getMessage());
        }
        Path path = imagePath != null ? imagePath : Paths.get(trace.imagePath());
        ElfImage image;
        try {
            image = ElfImage.load(path);
        } catch (ImageFormatException e) {
            throw new UserError(tracePath + ": its image: " + e.getMessage());
        }
        if (!image.sha256().equals(trace.imageSha256())) {
            throw new UserError(tracePath + " was recorded with image sha256 " + shortHash(trace.imageSha256())
                    + ", but " + path + " has " + shortHash(image.sha256()) + " (rebuilt or another image)");
        }
        if (image.arch() != trace.config().arch()) {
            throw new UserError(tracePath + " is for " + trace.config().arch() + ", but " + path + " is " + image.arch());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (MachineRunner runner = new MachineRunner(image, trace.config(), text -> { })) {
            if (runner.checkpointed() != trace.fromCheckpoint()) {
                throw new UserError(tracePath + ": the configuration or image no longer reaches the scenario start"
                        + " the way it did when the trace was recorded");
            }
            Machine m = runner.machine();
            if (until != null) {
                return pauseAt(runner, m, trace.decisions(), until, out);
            }
            ScriptedScheduler script = new ScriptedScheduler(trace.decisions());
            RunResult r;
            try {
                r = runner.run(script);
            } catch (ReplayDivergedException e) {
                err.println("mmulab: replay diverged: " + e.getMessage());
                return NOT_REPRODUCED;
            }
            if (script.divergence() != null) {
                // Thrown inside a hook, the divergence ends the run as an emulator error: say what it was.
                err.println("mmulab: replay diverged: " + script.divergence().getMessage());
                return NOT_REPRODUCED;
            }
            Outcome o = r.outcome();
            boolean same = trace.failure() != null && o != null && o.kind().name().equals(trace.failure().kind())
                    && o.message().equals(trace.failure().message());
            if (!same) {
                err.printf("mmulab: not reproduced: the trace ended %s, the replay %s%n",
                        trace.failure() == null ? "without a failure" : trace.failure().kind() + ": " + trace.failure().message(),
                        o == null ? "nowhere" : o.kind() + ": " + o.message());
                return NOT_REPRODUCED;
            }
            err.printf("mmulab: reproduced after %d decisions: %s: %s%n", r.decisions().size(), o.kind(), o.message());
            if (diagram) {
                List<Decision> minimal = trace.minimized().isEmpty() ? trace.decisions() : trace.minimized();
                m.recordEvents(true);
                RunResult mr = runner.run(new ScriptedScheduler(minimal));
                out.print(RaceDiagrams.render(image, runner.machine(), mr));
                out.flush();
                runner.machine().recordEvents(false);
            }
            return ExitCodes.OK;
        }
    }

    private static int pauseAt(MachineRunner runner, Machine m, List<Decision> decisions, long n, PrintWriter out) {
        m.pauseAfter(n);
        RunResult r = runner.run(new ScriptedScheduler(decisions));
        m.pauseAfter(Long.MAX_VALUE);
        out.printf("after %d decisions%s%n", Math.min(n, r.decisions().size()),
                r.outcome() == null ? "" : " (the run ended first: " + r.outcome().kind() + ")");
        out.print(new MachineInspector(runner.machine()).dump());
        out.flush();
        return ExitCodes.OK;
    }

    private static String shortHash(String h) {
        return h.length() > 12 ? h.substring(0, 12) : h;
    }
}
