// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A herd kinds file: one test per line, {@code NAME VERDICT}, where the verdict is
 * Allow/Allowed, Forbid/Forbidden or Required; blank lines and lines starting with '#' are
 * skipped. It says what the architecture allows, i.e. the verdict a faithful model reaches.
 */
public final class Kinds {
    private final Path file;
    private final Map<String, Verdict> expected;

    private Kinds(Path file, Map<String, Verdict> expected) {
        this.file = file;
        this.expected = Collections.unmodifiableMap(expected);
    }

    public static Kinds read(Path file) throws LitmusException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LitmusException(file, null, "cannot read: " + e.getMessage());
        }
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] words = t.split("\\s+");
            if (words.length != 2) {
                throw new LitmusSyntaxException(file, new Pos(i + 1, 1), "expected 'NAME VERDICT', found '" + t + "'");
            }
            Pos at = new Pos(i + 1, lines.get(i).indexOf(words[1]) + 1);
            Verdict v = Verdict.parse(words[1]).orElseThrow(() -> new LitmusSyntaxException(file, at,
                    "expected Allowed, Forbidden or Required, found '" + words[1] + "'"));
            if (out.put(words[0], v) != null) {
                throw new LitmusSyntaxException(file, new Pos(i + 1, 1), "test " + words[0] + " is listed twice");
            }
        }
        return new Kinds(file, out);
    }

    public Path file() {
        return file;
    }

    public Map<String, Verdict> entries() {
        return expected;
    }

    /**
     * What the kinds file expects of {@code test}: looked up by its name, by its name without a
     * {@code .litmus} suffix (some tests carry one on their first line), then by its file name.
     */
    public Optional<Verdict> expected(LitmusTest test) {
        return expected(test.name(), test.file());
    }

    public Optional<Verdict> expected(String name, Path file) {
        if (expected.containsKey(name)) {
            return Optional.of(expected.get(name));
        }
        if (name.endsWith(".litmus") && expected.containsKey(name.substring(0, name.length() - 7))) {
            return Optional.of(expected.get(name.substring(0, name.length() - 7)));
        }
        if (file != null) {
            String base = file.getFileName().toString();
            if (base.endsWith(".litmus")) {
                base = base.substring(0, base.length() - 7);
            }
            return Optional.ofNullable(expected.get(base));
        }
        return Optional.empty();
    }
}
