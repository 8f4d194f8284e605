// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.cli;

import io.mmulab.litmus.Agreement;
import io.mmulab.litmus.HerdReport;
import io.mmulab.litmus.JsonReport;
import io.mmulab.litmus.Kinds;
import io.mmulab.litmus.LitmusException;
import io.mmulab.litmus.LitmusParser;
import io.mmulab.litmus.LitmusResult;
import io.mmulab.litmus.LitmusRun;
import io.mmulab.litmus.LitmusTest;
import io.mmulab.mmu.model.ModelKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code mmulab litmus}: run herd-format litmus tests exhaustively and compare with the architecture. */
@Command(name = "litmus", mixinStandardHelpOptions = true,
        description = {"Run herd-format litmus tests (X86_64 in AT&T syntax, AArch64) on the emulator:",
                "each thread assembled with binutils, one vCPU per thread, every schedule and",
                "store-buffer commit order explored, the final states counted and the condition",
                "evaluated, herd7-style. 'Test NAME V' gives the verdict found: Allowed when the",
                "condition's state was reached, Forbidden when no run reached it (forall:",
                "Required when every state satisfies it), 'incomplete' when the search did not",
                "finish. With --kinds, a table compares the verdicts with the architecture's.",
                "Exit codes: 0 fine; 1 a test the kinds file calls Forbidden (or Required) was",
                "violated, i.e. the model is unsound; 2 bad input (a file that is not a runnable",
                "litmus test is named on stderr, the other files still run); 70 internal error.",
                "1 wins over 2."})
final class LitmusCommand implements Callable<Integer> {
    static final int UNSOUND = 1;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Litmus files, or directories of them (*.litmus).")
    List<Path> files;

    @Option(names = "--model", converter = ModelConverter.class, paramLabel = "sc|tso|arm",
            description = "Memory model (default: tso for X86_64 tests, arm for AArch64).")
    ModelKind model;

    @Option(names = "--kinds", paramLabel = "FILE",
            description = "herd kinds file (NAME Allowed|Forbidden|Required per line): print the agreement table.")
    Path kinds;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--budget", defaultValue = "60", paramLabel = "SECONDS",
            description = "Give up on one test after this long: its verdict is then 'incomplete' (default ${DEFAULT-VALUE}, 0: none).")
    long budgetSeconds;

    @Option(names = "--max-runs", defaultValue = "1000000", paramLabel = "N",
            description = "Give up on one test after this many runs (default ${DEFAULT-VALUE}).")
    long maxRuns;

    @Option(names = "--quiet", description = "Only the one-line verdicts (and the table), not the states.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (budgetSeconds < 0 || maxRuns < 1) {
            throw new UserError("--budget must be >= 0 and --max-runs >= 1");
        }
        Kinds expected = null;
        if (kinds != null) {
            try {
                expected = Kinds.read(kinds);
            } catch (LitmusException e) {
                throw new UserError(e.getMessage());
            }
        }
        List<Path> inputs = expand(files);
        LitmusRun runner = new LitmusRun(new LitmusRun.Options(model, maxRuns, budgetSeconds * 1000, 2_000_000, 16),
                System::currentTimeMillis);
        Agreement agreement = new Agreement();
        JsonReport report = new JsonReport();
        boolean badInput = false;
        long start = System.currentTimeMillis();
        LitmusResult slowest = null;
        for (Path f : inputs) {
            String name = baseName(f);
            Optional<io.mmulab.litmus.Verdict> want = expected == null ? Optional.empty() : expected.expected(name, f);
            LitmusTest test;
            try {
                test = LitmusParser.parse(f);
            } catch (LitmusException e) {
                err.println("mmulab: " + e.getMessage());
                err.flush();
                badInput = true;
                agreement.addNotRun(name, want, e.problem());
                report.add(agreement.rows().getLast());
                continue;
            }
            if (expected != null) {
                want = expected.expected(test);
            }
            try {
                LitmusResult r = runner.run(test);
                if (quiet) {
                    out.printf(Locale.ROOT, "Test %s %s (%s, %d runs, %.2f s)%s%n", test.name(), r.verdictWord(),
                            r.model().displayName(), r.runs(), r.elapsedMs() / 1000.0,
                            r.complete() ? "" : ": " + r.incomplete());
                    out.flush();
                } else {
                    HerdReport.print(out, r);
                }
                agreement.add(test.name(), want, r);
                if (slowest == null || r.elapsedMs() > slowest.elapsedMs()) {
                    slowest = r;
                }
            } catch (LitmusException e) {
                err.println("mmulab: " + e.getMessage());
                err.flush();
                badInput = true;
                agreement.addNotRun(test.name(), want, e.problem());
            }
            report.add(agreement.rows().getLast());
        }
        long elapsed = System.currentTimeMillis() - start;
        if (expected != null) {
            agreement.print(out, kinds.toString());
        }
        if (inputs.size() > 1) {
            out.printf(Locale.ROOT, "Time %d tests %.1f s%s%n", inputs.size(), elapsed / 1000.0, slowest == null ? ""
                    : String.format(Locale.ROOT, " (slowest: %s, %.2f s)", slowest.test().name(), slowest.elapsedMs() / 1000.0));
        }
        out.flush();
        if (json != null) {
            report.totals(agreement, elapsed);
            try {
                report.write(json);
            } catch (IOException e) {
                throw new UserError("cannot write " + json + ": " + e.getMessage());
            }
        }
        if (!agreement.soundnessFailures().isEmpty()) {
            return UNSOUND;
        }
        return badInput ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /** Files as given; a directory stands for its *.litmus files, in name order. */
    private static List<Path> expand(List<Path> given) {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".litmus")).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UserError("cannot list " + p + ": " + e.getMessage());
                }
            } else if (!Files.exists(p)) {
                throw new UserError(p + ": no such file");
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new UserError("no litmus files in " + given);
        }
        return out;
    }

    private static String baseName(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".litmus") ? n.substring(0, n.length() - 7) : n;
    }
}
