package io.mmulab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mmulab.emulator.Arch;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.mmu.model.ModelKind;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A suite file: expectations about images, one entry each, in YAML.
 *
 * <pre>
 * name: default
 * defaults: { vcpus: 2, seed: 1, runs: 2000 }
 * entries:
 *   - image: lost-update
 *     arch: [x86_64, arm64]      # a list runs the entry once per arch
 *     strategy: pct               # pct (default), random or dfs
 *     expect: fail:CHECK_FAILED   # or clean, or fail (any kind)
 *   - image: lost-update-locked
 *     arch: x86_64
 *     model: tso                  # default: the arch's own
 *     strategy: dfs
 *     depth: 2
 *     expect: clean
 * </pre>
 *
 * Keys of an entry: image (required), arch, model, variant, vcpus, strategy, depth, runs,
 * budget (seconds), seed, jobs, name, expect (required). Unknown keys are errors: a typo must
 * not silently change what a CI job checks.
 */
record Suite(String name, List<Entry> entries) {

    /** One expectation, with the arch expanded. */
    record Entry(String name, String image, Arch arch, ModelKind model, String variant, int vcpus,
                 Explorer.Strategy strategy, int depth, long runs, long budgetSeconds, long seed, int jobs,
                 Expectation expect) {
        String imageName() {
            return variant.isEmpty() ? image : image + "-" + variant;
        }

        String title() {
            return String.format("%s %s %s %s%s", imageName(), arch.displayName(),
                    (model == null ? io.mmulab.emulator.machine.MachineConfig.defaultModel(arch) : model).displayName(),
                    strategy.displayName(), strategy == Explorer.Strategy.DFS ? " depth " + depth : "");
        }
    }

    /** {@code clean}, {@code fail} (any failure) or {@code fail:KIND}. */
    record Expectation(boolean fail, Outcome.Kind kind) {
        static Expectation parse(String s) {
            String t = s.trim();
            if (t.equals("clean")) {
                return new Expectation(false, null);
            }
            if (t.equals("fail")) {
                return new Expectation(true, null);
            }
            if (t.startsWith("fail:")) {
                String k = t.substring(5).trim().toUpperCase(Locale.ROOT);
                try {
                    return new Expectation(true, Outcome.Kind.valueOf(k));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown failure kind '" + k + "'");
                }
            }
            throw new IllegalArgumentException("expect '" + s + "': want clean, fail or fail:KIND");
        }

        @Override
        public String toString() {
            return !fail ? "clean" : kind == null ? "fail" : "fail:" + kind;
        }
    }

    private static final Set<String> KEYS = Set.of("image", "arch", "model", "variant", "vcpus", "strategy", "depth",
            "runs", "budget", "seed", "jobs", "name", "expect");

    /** Parses a suite; {@code origin} names it in errors ({@code origin: entry 3 (lost-update): ...}). */
    static Suite parse(String origin, InputStream in) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not a YAML suite: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("entries").isArray()) {
            throw new IllegalArgumentException(origin + ": a suite needs a list 'entries'");
        }
        JsonNode defaults = root.path("defaults");
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.path("entries")) {
            i++;
            String where = origin + ": entry " + i + (e.has("image") ? " (" + e.path("image").asText() + ")" : "");
            try {
                out.addAll(entries(e, defaults));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no entries");
        }
        return new Suite(root.path("name").asText(origin), List.copyOf(out));
    }

    private static List<Entry> entries(JsonNode e, JsonNode defaults) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("an entry is a mapping of keys to values");
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' (known: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String image = text(e, defaults, "image", null);
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("no image");
        }
        String expect = text(e, defaults, "expect", null);
        if (expect == null) {
            throw new IllegalArgumentException("no expect (clean, fail or fail:KIND)");
        }
        Expectation ex = Expectation.parse(expect);
        String m = text(e, defaults, "model", null);
        ModelKind model = m == null ? null : ModelKind.parse(m);
        Explorer.Strategy strategy = Explorer.Strategy.parse(text(e, defaults, "strategy", "pct"));
        int vcpus = (int) number(e, defaults, "vcpus", 2);
        int depth = (int) number(e, defaults, "depth", 3);
        long runs = number(e, defaults, "runs", 1000);
        long budget = number(e, defaults, "budget", 0);
        long seed = number(e, defaults, "seed", 1);
        int jobs = (int) number(e, defaults, "jobs", 1);
        String variant = text(e, defaults, "variant", "");
        List<Arch> arches = new ArrayList<>();
        JsonNode a = e.has("arch") ? e.get("arch") : defaults.path("arch");
        if (a.isMissingNode() || a.isNull()) {
            arches.addAll(List.of(Arch.values()));
        } else if (a.isArray()) {
            a.forEach(x -> arches.add(arch(x.asText())));
        } else {
            arches.add(arch(a.asText()));
        }
        if (runs < 1 || vcpus < 1 || vcpus > 8 || depth < 0 || budget < 0 || jobs < 1) {
            throw new IllegalArgumentException("runs >= 1, vcpus 1..8, depth >= 0, budget >= 0, jobs >= 1");
        }
        List<Entry> out = new ArrayList<>();
        for (Arch arch : arches) {
            out.add(new Entry(text(e, defaults, "name", ""), image, arch, model, variant, vcpus, strategy, depth, runs,
                    budget, seed, jobs, ex));
        }
        return out;
    }

    private static Arch arch(String s) {
        return Arch.parse(s);
    }

    private static String text(JsonNode e, JsonNode defaults, String key, String dflt) {
        JsonNode v = e.has(key) ? e.get(key) : defaults.path(key);
        return v.isMissingNode() || v.isNull() ? dflt : v.asText();
    }

    private static long number(JsonNode e, JsonNode defaults, String key, long dflt) {
        JsonNode v = e.has(key) ? e.get(key) : defaults.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToLong()) {
            throw new IllegalArgumentException(key + " '" + v.asText() + "' is not a whole number");
        }
        return v.asLong();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
