package io.mmulab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmulab.cli.bench.Bench;
import io.mmulab.cli.bench.Measurement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mmulab bench}: the emulator's speed figures, as a table and optionally JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure runs per second (from the checkpoint and from boot), checkpoint restore time by"
                + " memory size, and runs and seconds to first failure with random and pct.",
            "Microbenchmarks of the hot paths (TLB, page walk, store buffer, hook dispatch) are JMH's:"
                + " ./mmulab bench --jmh [JMH args], which the launcher runs from jmh/target/benchmarks.jar.",
            "Exit codes: 0 measured, 2 bad input, 70 internal error."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--only", split = ",", paramLabel = "GROUP",
            description = "Measure only these groups: throughput, switch, rate, restore, find (default: all).")
    List<String> only;

    @Option(names = "--quick", description = "A few samples each: checks that every figure can be measured.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> groups = only == null || only.isEmpty() ? Bench.GROUPS : only;
        for (String g : groups) {
            if (!Bench.GROUPS.contains(g)) {
                throw new UserError("--only: unknown group '" + g + "' (expected " + String.join(", ", Bench.GROUPS) + ")");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-20s %-46s %12s %-7s %s%n", "FIGURE", "SUBJECT", "VALUE", "UNIT", "HOW");
        out.flush();
        List<Measurement> all = new Bench(ImageResolver::resolve, quick ? Bench.QUICK : Bench.FULL, m -> {
            out.printf("%-20s %-46s %12s %-7s %s%n", m.name(), m.subject(),
                    String.format(m.value() < 10 ? "%.3f" : "%.1f", m.value()), m.unit(), m.detail());
            out.flush();
        }).run(groups);
        if (json != null) {
            write(all);
        }
        return ExitCodes.OK;
    }

    private void write(List<Measurement> all) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("quick", quick);
        ArrayNode figures = root.putArray("figures");
        for (Measurement m : all) {
            figures.addObject().put("name", m.name()).put("subject", m.subject()).put("value", m.value())
                    .put("unit", m.unit()).put("detail", m.detail());
        }
        try {
            mapper.writeValue(json.toFile(), root);
        } catch (IOException e) {
            throw new UserError("cannot write " + json + ": " + e.getMessage());
        }
    }
}
