package io.mmulab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code mmulab merge}: one report from the {@code --json} results of the shards of one
 * exploration ({@code run --shard K/N} in N processes, on one machine or a cluster). The shards
 * must be of the same image, configuration and strategy; the merged failures are sorted by
 * run, the first one is the exploration's first failure, runs and outcomes are summed.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combine the --json results of 'run --shard K/N' processes into one report.",
            "Exit codes: 0 no failure, 64 a shard found a failure, 2 bad input (files that do not belong together)."})
final class MergeCommand implements Callable<Integer> {
    /** What must agree between shards of one exploration. */
    private static final List<String> SAME = List.of("image", "imageSha256", "arch", "model", "variant", "strategy",
            "depth", "seed", "vcpus");

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "JSON files written by 'run --json'.")
    List<Path> results;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the merged result as JSON.")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<JsonNode> docs = new ArrayList<>();
        for (Path p : results) {
            docs.add(read(mapper, p));
        }
        JsonNode first = docs.get(0);
        TreeSet<Integer> shardsSeen = new TreeSet<>();
        int shardCount = -1;
        long runs = 0;
        long elapsed = 0;
        Map<String, Long> outcomes = new TreeMap<>();
        List<JsonNode> failures = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            for (String key : SAME) {
                if (!first.path(key).equals(d.path(key))) {
                    throw new UserError(results.get(i) + ": " + key + " is " + d.path(key) + " but " + results.get(0)
                            + " has " + first.path(key) + ": not shards of one exploration");
                }
            }
            String[] kn = d.path("shard").asText("0/1").split("/");
            int k = Integer.parseInt(kn[0]);
            int n = Integer.parseInt(kn[1]);
            if (shardCount >= 0 && n != shardCount) {
                throw new UserError(results.get(i) + ": shard " + k + "/" + n + " of another split than " + shardCount);
            }
            shardCount = n;
            if (!shardsSeen.add(k)) {
                throw new UserError(results.get(i) + ": shard " + k + "/" + n + " given twice");
            }
            runs += d.path("runs").asLong();
            elapsed = Math.max(elapsed, d.path("elapsedMs").asLong());
            d.path("outcomes").fields().forEachRemaining(e -> outcomes.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            d.path("failures").forEach(failures::add);
        }
        failures.sort((a, b) -> Long.compare(a.path("run").asLong(), b.path("run").asLong()));
        PrintWriter err = spec.commandLine().getErr();
        String missing = shardsSeen.size() == shardCount ? "" : String.format(" (only %d of %d shards)",
                shardsSeen.size(), shardCount);
        String what = String.format("%s (%s, %s, %s, seed %s)%s", first.path("image").asText(), first.path("arch").asText(),
                first.path("model").asText(), first.path("strategy").asText(), first.path("seed").asText(), missing);
        if (failures.isEmpty()) {
            err.printf("mmulab: %s: no failure in %d runs over %d shards%n", what, runs, shardsSeen.size());
        } else {
            JsonNode f = failures.get(0);
            err.printf("mmulab: %s: %s at run %d: %s%n", what, f.path("kind").asText(), f.path("run").asLong(),
                    f.path("message").asText());
            err.printf("mmulab: trace %s%n", f.path("trace").asText());
        }
        err.flush();
        if (json != null) {
            ObjectNode root = mapper.createObjectNode();
            for (String key : SAME) {
                root.set(key, first.path(key));
            }
            root.put("shards", shardsSeen.size());
            root.put("shardCount", shardCount);
            root.put("runs", runs);
            root.put("elapsedMs", elapsed);
            ArrayNode fs = root.putArray("failures");
            failures.forEach(fs::add);
            root.put("firstFailureRun", failures.isEmpty() ? -1 : failures.get(0).path("run").asLong());
            ObjectNode oc = root.putObject("outcomes");
            outcomes.forEach(oc::put);
            try {
                Files.writeString(json, mapper.writeValueAsString(root) + "\n");
            } catch (IOException e) {
                throw new UserError("cannot write " + json + ": " + e.getMessage());
            }
        }
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.GUEST_FAILURE;
    }

    private static JsonNode read(ObjectMapper mapper, Path p) {
        try {
            JsonNode d = mapper.readTree(Files.readString(p));
            if (d == null || !d.isObject() || !d.has("runs") || !d.has("failures")) {
                throw new UserError(p + ": not a result of 'mmulab run --json'");
            }
            return d;
        } catch (NoSuchFileException e) {
            throw new UserError(p + ": no such file");
        } catch (JsonProcessingException e) {
            throw new UserError(p + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserError(p + ": cannot read: " + e.getMessage());
        }
    }
}
