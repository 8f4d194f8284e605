// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.mmu.model.ModelKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The project's own litmus tests (src/test/resources/litmus) and where the build put things. */
final class TestFiles {
    private TestFiles() {
    }

    /** The repository root (surefire passes it; fall back to the parent of the module directory). */
    static Path root() {
        String r = System.getProperty("mmulab.root");
        return r != null ? Paths.get(r) : Paths.get("").toAbsolutePath().getParent();
    }

    static Path ownDir(String arch) {
        try {
            return Paths.get(TestFiles.class.getResource("/litmus/" + arch).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> litmusFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".litmus")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a model must find for a test: its verdict and, when known (else -1), how many distinct final states. */
    record Expected(Verdict verdict, int states) {
    }

    /** expected.txt: {@code NAME model=Verdict[:states] ...} per line ({@code arch=} is a comment). */
    static Map<String, Map<ModelKind, Expected>> expectations(Path dir) {
        Map<String, Map<ModelKind, Expected>> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] words = t.split("\\s+");
                Map<ModelKind, Expected> byModel = new LinkedHashMap<>();
                for (int i = 1; i < words.length; i++) {
                    String[] kv = words[i].split("=");
                    if (kv[0].equals("arch")) {
                        continue;
                    }
                    String[] vs = kv[1].split(":");
                    byModel.put(ModelKind.parse(kv[0]), new Expected(Verdict.parse(vs[0]).orElseThrow(),
                            vs.length > 1 ? Integer.parseInt(vs[1]) : -1));
                }
                out.put(words[0], byModel);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
