package io.mmulab.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mmulab bench}: every figure of a group is measured and written; bad groups are refused. */
class BenchCommandTest {

    /** {@code bench --quick --only GROUP --json}: exit 0, and the figures it wrote (each also printed). */
    private static JsonNode figures(Path dir, String group) throws Exception {
        Path json = dir.resolve("bench.json");
        Cli c = Cli.run("bench", "--quick", "--only", group, "--json", json.toString());
        assertEquals(0, c.exit(), c.err());
        JsonNode figures = new ObjectMapper().readTree(json.toFile()).get("figures");
        for (JsonNode f : figures) {
            assertTrue(c.out().contains(f.get("subject").asText()), c.out());
        }
        return figures;
    }

    @Test
    void restoreFiguresForEveryMemorySizeAndBothArches(@TempDir Path dir) throws Exception {
        JsonNode figures = figures(dir, "restore");
        assertEquals(6, figures.size(), figures.toString());
        for (JsonNode f : figures) {
            assertEquals("restore", f.get("name").asText());
            assertEquals("us", f.get("unit").asText());
            double us = f.get("value").asDouble();
            // a restore did happen (not zero) and did not copy all of memory (not tens of milliseconds)
            assertTrue(us > 0 && us < 20_000, f.toString());
        }
    }

    /**
     * The switch figure: random steps really switch more than none (a deterministic count), and
     * the time per switch is a plausible figure (its sign is at the host's mercy under load).
     */
    @Test
    void switchCostForBothArches(@TempDir Path dir) throws Exception {
        JsonNode figures = figures(dir, "switch");
        assertEquals(2, figures.size(), figures.toString());
        for (JsonNode f : figures) {
            assertEquals("switch", f.get("name").asText());
            double us = f.get("value").asDouble();
            assertTrue(Double.isFinite(us) && Math.abs(us) < 1_000, f.toString());
            var m = java.util.regex.Pattern.compile("\\+(\\d+) switches per run").matcher(f.get("detail").asText());
            assertTrue(m.find() && Integer.parseInt(m.group(1)) > 5, f.toString());
        }
    }

    @Test
    void unknownGroupIsAOneLineError() {
        Cli c = Cli.run("bench", "--only", "speed");
        assertEquals(2, c.exit(), c.err());
        assertTrue(c.err().contains("unknown group 'speed'"), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
    }
}
