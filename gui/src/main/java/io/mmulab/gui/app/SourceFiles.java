package io.mmulab.gui.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guest sources for the Code window. DWARF names them relative to the directory they were
 * compiled in (kernel-model/src/main/c or guest-images/src/main/c), so each relative name is
 * looked up under those roots; files are read once.
 */
public final class SourceFiles {
    private final List<Path> roots;
    private final Map<String, List<String>> cache = new HashMap<>();

    public SourceFiles(Path projectRoot) {
        this.roots = List.of(projectRoot.resolve("kernel-model/src/main/c"), projectRoot.resolve("guest-images/src/main/c"),
                projectRoot);
    }

    /** The file's lines, or an empty list when it is not found. */
    public List<String> lines(String file) {
        return cache.computeIfAbsent(file, this::read);
    }

    private List<String> read(String file) {
        Path p = Path.of(file);
        List<Path> candidates = p.isAbsolute() ? List.of(p) : roots.stream().map(r -> r.resolve(file)).toList();
        for (Path c : candidates) {
            try {
                if (Files.isRegularFile(c)) {
                    return Files.readAllLines(c, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                // try the next root
            }
        }
        return List.of();
    }
}
