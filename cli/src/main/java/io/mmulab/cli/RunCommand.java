package io.mmulab.cli;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.MachineInspector;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.mmu.model.ModelKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mmulab run}: boot an image and explore its interleavings. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Boot a guest image and explore interleavings and memory-model choices until a run fails.",
                "With --runs 1 (the default) the guest console is printed and a clean run exits with the guest's",
                "done() status. Exit codes: 0-63 clean (the guest's status), 2 bad input, 64 a failure was found",
                "(BUG, oops, use-after-free, refcount misuse, hang, check; or the budget ran out of a single run),",
                "70 internal error."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME|PATH",
            description = "An image name from 'mmulab images', or the path of an ELF image.")
    String target;

    @Option(names = "--arch", converter = ArchConverter.class, paramLabel = "x86_64|arm64",
            description = "Architecture of a named image (default x86_64); must match a PATH's ELF.")
    Arch arch;

    @Option(names = "--variant", paramLabel = "V", description = "Image variant: runs NAME-V (e.g. fixed).")
    String variant;

    @Option(names = "--vcpus", defaultValue = "4", paramLabel = "N", description = "vCPUs, 1 to 8 (default ${DEFAULT-VALUE}).")
    int vcpus;

    @Option(names = "--mem", defaultValue = "128", paramLabel = "MIB",
            description = "Physical memory in MiB (default ${DEFAULT-VALUE}).")
    long memMib;

    @Option(names = "--model", converter = ModelConverter.class, paramLabel = "sc|tso|arm",
            description = "Memory model (default: tso on x86_64, arm on arm64).")
    ModelKind model;

    @Option(names = "--strategy", defaultValue = "pct", paramLabel = "random|pct|dfs",
            description = "How runs choose interleavings (default ${DEFAULT-VALUE}; dfs is bounded exhaustive).")
    String strategy;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "D",
            description = "pct: priority change points; dfs: deviations from the default schedule (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "N", description = "Runs to explore (default ${DEFAULT-VALUE}).")
    long runs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--budget", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop exploring after this many seconds (0: no limit).")
    long budgetSeconds;

    @Option(names = "--stop-at-first", defaultValue = "true", fallbackValue = "true", negatable = true,
            description = "Stop at the first failing run (default ${DEFAULT-VALUE}).")
    boolean stopAtFirst;

    @Option(names = "--jobs", defaultValue = "1", paramLabel = "N",
            description = "Explore on N machines in parallel, one host thread each (random and pct; default"
                    + " ${DEFAULT-VALUE}). Which runs fail does not depend on N.")
    int jobs;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Explore only the runs i with i %% N == K (random and pct): one of N processes sharing an"
                    + " exploration; combine their --json results with 'mmulab merge'.")
    String shard;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--trace-dir", defaultValue = "mmulab-traces", paramLabel = "DIR",
            description = "Where failing runs' traces go (default ${DEFAULT-VALUE}).")
    Path traceDir;

    @Option(names = "--dump", description = "After a single run, print each vCPU's state, store buffer and stale TLB entries.")
    boolean dump;

    @Option(names = "--max-steps", defaultValue = "20000000", paramLabel = "N",
            description = "Step budget of one run: shared accesses, barriers, spin hints (default ${DEFAULT-VALUE}).")
    long maxSteps;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String name = variant == null ? target : target + "-" + variant;
        ElfImage image = ImageResolver.resolve(name, arch);
        Explorer.Strategy strat;
        MachineConfig config;
        try {
            strat = Explorer.Strategy.parse(strategy);
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
            }
            if (depth < 0) {
                throw new IllegalArgumentException("--depth must not be negative, got " + depth);
            }
            config = new MachineConfig(image.arch(), vcpus, memMib * MachineConfig.MIB, seed,
                    MachineConfig.DEFAULT_SWITCH_PROBABILITY, maxSteps, model);
            if (jobs < 1 || jobs > 64) {
                throw new IllegalArgumentException("--jobs must be 1 to 64, got " + jobs);
            }
            shardOf = Shard.parse(shard);
            if (shardOf.count() > 1 && strat == Explorer.Strategy.DFS) {
                throw new IllegalArgumentException("--shard works with random and pct; dfs runs depend on each other");
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean single = runs == 1;
        List<MachineRunner> runners = new ArrayList<>();
        try {
            int machines = strat == Explorer.Strategy.DFS || single ? 1 : jobs;
            for (int j = 0; j < machines; j++) {
                runners.add(new MachineRunner(image, config, single ? text -> {
                    out.print(text);
                    out.flush();
                } : text -> { }));
            }
        } catch (IllegalArgumentException e) {
            runners.forEach(MachineRunner::close);
            throw new UserError(e.getMessage());
        }
        MachineRunner runner = runners.get(0);
        try {
            Explorer.Options options = new Explorer.Options(strat, depth, runs, budgetSeconds * 1000, stopAtFirst, 0,
                    shardOf.index(), shardOf.count());
            Progress progress = single ? null : new Progress(err, runs);
            Explorer.Summary summary = new Explorer(runners, config, System::currentTimeMillis)
                    .explore(options, progress == null ? null : progress::afterRun);
            if (progress != null) {
                progress.done();
            }
            if (single && dump) {
                out.print(new MachineInspector(runner.machine()).dump());
                out.flush();
            }
            Report report = new Report(image, config, name, variant, strat, depth, summary, shardOf, runners.size());
            Failures failures = new Failures(runner, image, config, traceDir);
            report.failures.addAll(failures.write(summary));
            if (single && summary.failures().isEmpty()) {
                printSingle(err, image, config, runner);
            } else {
                report.print(err, single);
            }
            if (json != null) {
                report.writeJson(json);
            }
            if (!summary.failures().isEmpty()) {
                return ExitCodes.GUEST_FAILURE;
            }
            return single ? GuestRunner.exitCode(lastOutcome(runner)) : ExitCodes.OK;
        } finally {
            runners.forEach(MachineRunner::close);
        }
    }

    private Shard shardOf = Shard.ALL;

    /** A single clean (or budget-stopped) run: how it ended, as before exploration existed. */
    private static void printSingle(PrintWriter err, ElfImage image, MachineConfig config, MachineRunner runner) {
        Outcome o = lastOutcome(runner);
        if (o.failed()) {
            err.println("mmulab: " + o.kind() + ": " + o.message());
        } else {
            err.printf("mmulab: %s (%s, %d vCPUs, %s, seed %d): done(%d) after %d steps, %d switches%n",
                    image.path().getFileName(), image.arch(), config.vcpus(), config.model().displayName(),
                    config.seed(), o.status(), runner.machine().steps(), runner.machine().switches());
        }
        err.flush();
    }

    private static Outcome lastOutcome(MachineRunner runner) {
        return runner.machine().runToSummary().outcome();
    }

    /** A progress bar on stderr, only when it is a terminal. */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final boolean tty = System.console() != null;
        private long done;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        void afterRun(long run, long totalRuns, RunResult r) {
            done = run + 1;
            if (tty && (done % 16 == 0 || r.failed())) {
                int width = 30;
                int filled = (int) Math.min(width, done * width / Math.max(1, total));
                err.printf("\r[%s%s] %d/%d runs", "#".repeat(filled), " ".repeat(width - filled), done, total);
                err.flush();
            }
        }

        void done() {
            if (tty && done > 0) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}
