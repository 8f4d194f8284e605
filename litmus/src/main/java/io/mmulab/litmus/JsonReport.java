// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine-readable results: {@code {"tests": [...], "totals": {...}}}, one object per test
 * with name, arch, model, states, observed, verdict, runs and elapsedMs (and more: the
 * condition, positive/negative witnesses, completeness, the kinds entry and agreement).
 */
public final class JsonReport {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = json.createObjectNode();
    private final ArrayNode tests = root.putArray("tests");

    public void add(Agreement.Row row) {
        ObjectNode n = tests.addObject();
        n.put("name", row.name());
        LitmusResult r = row.result();
        if (r == null) {
            n.putNull("arch");
            n.putNull("model");
            n.putArray("states");
            n.put("observed", false);
            n.put("verdict", "not run");
            n.put("problem", row.problem());
        } else {
            n.put("arch", r.test().archName());
            n.put("model", r.model().displayName());
            n.put("file", r.test().file() == null ? "" : r.test().file().toString());
            n.put("condition", r.test().condition().toString());
            ArrayNode states = n.putArray("states");
            for (Map.Entry<FinalState, LitmusResult.Reached> e : r.states().entrySet()) {
                ObjectNode s = states.addObject();
                s.put("state", e.getKey().toString());
                ObjectNode values = s.putObject("values");
                e.getKey().values().forEach((term, v) -> values.put(term.toString(), v));
                s.put("runs", e.getValue().runs());
                s.put("satisfies", e.getValue().satisfies());
            }
            n.put("observed", r.observed());
            n.put("verdict", r.verdictWord());
            n.put("ok", r.ok());
            n.put("positive", r.positive());
            n.put("negative", r.negative());
            n.put("runs", r.runs());
            n.put("elapsedMs", r.elapsedMs());
            n.put("complete", r.complete());
            if (!r.complete()) {
                n.put("incomplete", r.incomplete());
            }
            n.put("modelCaveat", r.model().limitation());
        }
        if (row.expected() != null) {
            n.put("expected", row.expected().word());
            n.put("agree", row.agrees());
            n.put("soundnessFailure", row.soundnessFailure());
        }
    }

    public void totals(Agreement a, long elapsedMs) {
        ObjectNode t = root.putObject("totals");
        t.put("tests", a.rows().size());
        t.put("withKinds", a.withKinds());
        t.put("agree", a.agreeing());
        t.put("soundnessFailures", a.soundnessFailures().size());
        t.put("notRun", a.rows().stream().filter(r -> r.result() == null).count());
        t.put("incomplete", a.rows().stream().filter(r -> r.result() != null && !r.result().complete()).count());
        t.put("elapsedMs", elapsedMs);
    }

    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, json.writeValueAsString(root) + "\n");
    }
}
