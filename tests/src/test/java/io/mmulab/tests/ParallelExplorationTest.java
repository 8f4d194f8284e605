package io.mmulab.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --jobs} and {@code --shard} + {@code merge} find exactly what one sequential exploration finds. */
class ParallelExplorationTest {
    @TempDir
    Path tmp;

    private JsonNode explore(String name, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "lost-update", "--arch", "arm64", "--vcpus", "2",
                "--runs", "240", "--no-stop-at-first", "--trace-dir", tmp.resolve("traces-" + name).toString(),
                "--json", tmp.resolve(name + ".json").toString()));
        args.addAll(List.of(extra));
        Cli c = Cli.run(args.toArray(new String[0]));
        assertEquals(64, c.exit(), c.err());
        return new ObjectMapper().readTree(tmp.resolve(name + ".json").toFile());
    }

    private static List<Long> failingRuns(JsonNode result) {
        List<Long> runs = new ArrayList<>();
        result.path("failures").forEach(f -> runs.add(f.path("run").asLong()));
        return runs;
    }

    @Test
    void jobsAndShardsFindTheSameFailingRunsAsOneJob() throws IOException {
        JsonNode one = explore("one");
        List<Long> expected = failingRuns(one);
        assertTrue(expected.size() >= 2, "want several failures to compare: " + expected);

        JsonNode two = explore("two", "--jobs", "2");
        assertEquals(expected, failingRuns(two));
        assertEquals(one.path("outcomes"), two.path("outcomes"));

        List<String> shards = new ArrayList<>(List.of("merge", "--json", tmp.resolve("merged.json").toString()));
        for (int k = 0; k < 3; k++) {
            explore("shard" + k, "--shard", k + "/3");
            shards.add(tmp.resolve("shard" + k + ".json").toString());
        }
        Cli merge = Cli.run(shards.toArray(new String[0]));
        assertEquals(64, merge.exit(), merge.err());
        JsonNode merged = new ObjectMapper().readTree(tmp.resolve("merged.json").toFile());
        assertEquals(expected, failingRuns(merged));
        assertEquals(240, merged.path("runs").asLong());
        assertEquals(one.path("outcomes"), merged.path("outcomes"));
    }

    @Test
    void stopAtFirstWithJobsStopsAtTheSameRun() throws IOException {
        Cli one = Cli.run("run", "lost-update", "--vcpus", "2", "--runs", "2000", "--trace-dir", tmp.toString());
        Cli two = Cli.run("run", "lost-update", "--vcpus", "2", "--runs", "2000", "--jobs", "2", "--trace-dir",
                tmp.toString());
        assertEquals(64, one.exit(), one.err());
        String first = one.err().lines().findFirst().orElseThrow();
        assertEquals(first, two.err().lines().findFirst().orElseThrow());
    }

    @Test
    void badShardsAndMismatchedResultsAreOneLineErrors() throws IOException {
        Cli c = Cli.run("run", "lost-update", "--runs", "10", "--shard", "3/3");
        assertEquals(2, c.exit(), c.err());
        assertTrue(c.err().contains("expected K/N with 0 <= K < N"), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());

        explore("a", "--shard", "0/2");
        Cli dup = Cli.run("merge", tmp.resolve("a.json").toString(), tmp.resolve("a.json").toString());
        assertEquals(2, dup.exit(), dup.err());
        assertTrue(dup.err().contains("given twice"), dup.err());
    }
}
