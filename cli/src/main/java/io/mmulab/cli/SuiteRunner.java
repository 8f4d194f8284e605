package io.mmulab.cli;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.explore.ScriptedScheduler;
import io.mmulab.emulator.machine.MachineConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the entries of a {@link Suite}: an exploration each, under the entry's strategy and
 * bounds, and whether the expectation held. A failure's trace goes to {@code out/traces}, its
 * race diagram (of the minimised run) to {@code out/diagrams}.
 */
final class SuiteRunner {

    /** What one entry did. {@code firstFailure} is null for a clean exploration. */
    record Result(Suite.Entry entry, boolean passed, String outcome, long runs, long firstFailureRun, double seconds,
                  Failures.Info firstFailure, Path diagram, boolean exhausted) {
    }

    private final Function<Suite.Entry, ElfImage> resolver;
    private final Path out;

    /** {@code resolver} finds an entry's image (the CLI's catalogue); {@code out} takes traces and diagrams. */
    SuiteRunner(Function<Suite.Entry, ElfImage> resolver, Path out) {
        this.resolver = resolver;
        this.out = out;
    }

    List<Result> run(Suite suite, Consumer<Result> each) {
        List<Result> results = new ArrayList<>();
        for (Suite.Entry e : suite.entries()) {
            Result r = run(e);
            results.add(r);
            each.accept(r);
        }
        return results;
    }

    Result run(Suite.Entry e) {
        long t0 = System.nanoTime();
        ElfImage image = resolver.apply(e);
        MachineConfig config = new MachineConfig(e.arch(), e.vcpus(), MachineConfig.DEFAULT_MEM, e.seed(),
                MachineConfig.DEFAULT_SWITCH_PROBABILITY, MachineConfig.DEFAULT_MAX_STEPS, e.model());
        List<MachineRunner> runners = new ArrayList<>();
        try {
            int machines = e.strategy() == Explorer.Strategy.DFS ? 1 : e.jobs();
            for (int j = 0; j < machines; j++) {
                runners.add(new MachineRunner(image, config, t -> { }));
            }
            Explorer.Summary s = new Explorer(runners, config, System::currentTimeMillis).explore(
                    new Explorer.Options(e.strategy(), e.depth(), e.runs(), e.budgetSeconds() * 1000, true, 0), null);
            Failures.Info first = null;
            Path diagram = null;
            if (!s.failures().isEmpty()) {
                Failures failures = new Failures(runners.get(0), image, config, out.resolve("traces"));
                first = failures.write(new Explorer.Summary(s.runs(), s.elapsedMs(), List.of(s.failures().get(0)),
                        s.exhausted(), s.outcomes())).get(0);
                diagram = diagram(runners.get(0), image, first, e);
            }
            boolean passed = e.expect().fail()
                    ? first != null && (e.expect().kind() == null || e.expect().kind().name().equals(first.kind()))
                    : first == null;
            String outcome = first == null
                    ? "clean in " + s.runs() + " runs" + (s.exhausted() ? " (bounds exhausted)" : "")
                    : first.kind() + " at run " + first.run();
            return new Result(e, passed, outcome, s.runs(), s.firstFailureRun(), (System.nanoTime() - t0) / 1e9, first,
                    diagram, s.exhausted());
        } finally {
            runners.forEach(MachineRunner::close);
        }
    }

    /** Replays the (minimised) failing run with events on and writes its race diagram. */
    private Path diagram(MachineRunner runner, ElfImage image, Failures.Info f, Suite.Entry e) {
        runner.machine().recordEvents(true);
        try {
            RunResult r = runner.run(new ScriptedScheduler(f.replay()));
            Path dir = out.resolve("diagrams");
            Files.createDirectories(dir);
            Path file = dir.resolve(f.trace().getFileName().toString().replaceFirst("\\.json$", ".txt"));
            Files.writeString(file, RaceDiagrams.render(image, runner.machine(), r));
            return file;
        } catch (IOException ex) {
            throw new UserError("cannot write the diagram of " + e.title() + " under " + out + ": " + ex.getMessage());
        } catch (RuntimeException ex) {
            return null;   // the trace is written; a replay that diverges only costs the diagram
        } finally {
            runner.machine().recordEvents(false);
        }
    }
}
