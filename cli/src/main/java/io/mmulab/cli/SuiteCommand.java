package io.mmulab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mmulab suite}: a suite file's expectations, headless, with a table, JUnit XML and JSON. */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = {"Run a suite file (YAML: image, arch, model, variant, strategy, runs/budget, seed, expect) and"
                + " check every expectation; with no FILE, the default suite.",
            "Exit codes: 0 every expectation held, 1 some did not, 2 bad input."})
final class SuiteCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The suite (default: the built-in one).")
    Path file;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (one test case per entry).")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--out", defaultValue = "mmulab-suite", paramLabel = "DIR",
            description = "Where failing entries' traces and race diagrams go (default ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static Suite defaultSuite() {
        try (InputStream in = SuiteCommand.class.getResourceAsStream("suites/default.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the built-in suite is missing from the jar");
            }
            return Suite.parse("default suite", in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Integer call() {
        Suite suite;
        if (file == null) {
            suite = defaultSuite();
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                suite = Suite.parse(file.toString(), in);
            } catch (NoSuchFileException e) {
                throw new UserError(file + ": no such file");
            } catch (IOException e) {
                throw new UserError(file + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        List<SuiteRunner.Result> results = run(suite, out, spec.commandLine().getOut());
        if (junit != null) {
            write(junit, JUnitXml.render(suite.name(), results));
        }
        if (json != null) {
            write(json, json(suite, results));
        }
        return results.stream().allMatch(SuiteRunner.Result::passed) ? ExitCodes.OK : 1;
    }

    /** Runs a suite, printing a table row per entry as it completes (also the demo's main part). */
    static List<SuiteRunner.Result> run(Suite suite, Path out, PrintWriter pw) {
        // every image first: a missing one is bad input, found before minutes of exploring
        for (Suite.Entry e : suite.entries()) {
            ImageResolver.resolve(e.imageName(), e.arch());
        }
        String fmt = "%-24s %-7s %-5s %-7s %-20s %-6s %-36s %8s %8s%n";
        pw.printf(fmt, "IMAGE", "ARCH", "MODEL", "STRAT", "EXPECTED", "", "RESULT", "1ST FAIL", "TIME");
        pw.flush();
        List<SuiteRunner.Result> results = new SuiteRunner(e -> ImageResolver.resolve(e.imageName(), e.arch()), out)
                .run(suite, r -> {
                    Suite.Entry e = r.entry();
                    pw.printf(fmt, e.imageName(), e.arch().displayName(),
                            (e.model() == null ? io.mmulab.emulator.machine.MachineConfig.defaultModel(e.arch())
                                    : e.model()).displayName(),
                            e.strategy().displayName(), e.expect(), r.passed() ? "ok" : "FAIL", r.outcome(),
                            r.firstFailureRun() < 0 ? "-" : Long.toString(r.firstFailureRun()),
                            String.format("%.1f s", r.seconds()));
                    pw.flush();
                });
        long failed = results.stream().filter(r -> !r.passed()).count();
        pw.printf("%d of %d expectations held%s; traces and diagrams under %s%n", results.size() - failed,
                results.size(), failed == 0 ? "" : " (" + failed + " did not)", out);
        pw.flush();
        return results;
    }

    private static String json(Suite suite, List<SuiteRunner.Result> results) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("suite", suite.name());
        root.put("passed", results.stream().allMatch(SuiteRunner.Result::passed));
        ArrayNode es = root.putArray("entries");
        for (SuiteRunner.Result r : results) {
            Suite.Entry e = r.entry();
            ObjectNode n = es.addObject();
            n.put("image", e.imageName()).put("arch", e.arch().displayName())
                    .put("model", e.model() == null ? "" : e.model().displayName())
                    .put("strategy", e.strategy().displayName()).put("expected", e.expect().toString())
                    .put("passed", r.passed()).put("result", r.outcome()).put("runs", r.runs())
                    .put("firstFailureRun", r.firstFailureRun()).put("seconds", r.seconds())
                    .put("exhausted", r.exhausted());
            if (r.firstFailure() != null) {
                n.put("kind", r.firstFailure().kind()).put("message", r.firstFailure().message())
                        .put("trace", r.firstFailure().trace().toAbsolutePath().toString());
            }
            if (r.diagram() != null) {
                n.put("diagram", r.diagram().toAbsolutePath().toString());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Path dir = p.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UserError("cannot write " + p + ": " + e.getMessage());
        }
    }
}
