package io.mmulab.emulator.elf;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host tools (compilers, addr2line) for tests that skip when a tool is missing. */
final class Tools {
    private Tools() {
    }

    /** Whether {@code name} is an executable on the PATH. */
    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command in {@code dir}; returns its standard output, failing with all its output otherwise. */
    static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mmulab-tool", ".out");
        Path err = Files.createTempFile("mmulab-tool", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
