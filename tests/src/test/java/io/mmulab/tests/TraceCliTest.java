package io.mmulab.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mmulab run --runs} writes traces; {@code mmulab replay} reproduces them or says why not. */
class TraceCliTest {
    @TempDir
    Path tmp;

    private Path findTrace(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> traces = s.filter(p -> p.getFileName().toString().startsWith("lost-update-")).toList();
            assertEquals(1, traces.size(), traces.toString());
            return traces.get(0);
        }
    }

    private Path explore(String dirName) throws IOException {
        Path dir = tmp.resolve(dirName);
        Cli c = Cli.run("run", "lost-update", "--arch", "arm64", "--vcpus", "2", "--runs", "500", "--seed", "3",
                "--trace-dir", dir.toString(), "--json", dir.resolve("result.json").toString());
        assertEquals(64, c.exit(), c.err());
        assertTrue(c.err().contains("CHECK_FAILED"), c.err());
        String json = Files.readString(dir.resolve("result.json"));
        for (String key : List.of("\"image\"", "\"arch\"", "\"model\"", "\"variant\"", "\"strategy\"", "\"seed\"",
                "\"runs\"", "\"elapsedMs\"", "\"failures\"", "\"firstFailureRun\"", "\"trace\"", "\"symbol\"",
                "\"frames\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        return findTrace(dir);
    }

    @Test
    void sameSeedWritesByteIdenticalTracesThatReplay() throws IOException {
        Path a = explore("a");
        Path b = explore("b");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        Cli replay = Cli.run("replay", a.toString(), "--diagram");
        assertEquals(0, replay.exit(), replay.err());
        assertTrue(replay.err().contains("reproduced"), replay.err());
        assertTrue(replay.out().contains("CPU 0") && replay.out().contains("CPU 1"), replay.out());
        assertTrue(replay.out().contains("lost-update.c:"), "source lines in the diagram:\n" + replay.out());

        Cli until = Cli.run("replay", a.toString(), "--until", "5");
        assertEquals(0, until.exit(), until.err());
        assertTrue(until.out().startsWith("after 5 decisions"), until.out());
    }

    /** A failure inside inlined helpers names each frame down to the scenario's own line, as a stack trace would. */
    @Test
    void aFailureInInlinedCodeNamesEveryFrame() throws IOException {
        Path dir = tmp.resolve("inl");
        Cli c = Cli.run("run", "refcount-underflow", "--vcpus", "2", "--runs", "500", "--trace-dir", dir.toString(),
                "--json", dir.resolve("r.json").toString());
        assertEquals(64, c.exit(), c.err());
        assertTrue(c.err().matches("(?s).*mmulab: +refcount_sub_and_test \\(include/linux/refcount.h:\\d+\\)\n"
                + "mmulab: +refcount_dec_and_test \\(include/linux/refcount.h:\\d+\\)\n"
                + "mmulab: +scenario_main \\(scenarios/refcount-underflow.c:\\d+\\)\n.*"), c.err());
        String json = Files.readString(dir.resolve("r.json"));
        assertTrue(json.contains("\"function\" : \"refcount_dec_and_test\""), json);
    }

    @Test
    void badTracesAreOneLineErrors() throws IOException {
        Path trace = explore("c");
        Path corrupt = Files.writeString(tmp.resolve("corrupt.json"), "{ not json");
        assertBad(Cli.run("replay", corrupt.toString()), "not a JSON trace");

        String text = Files.readString(trace);
        Path edited = Files.writeString(tmp.resolve("edited.json"), text.replace("\"vcpus\" : 2", "\"vcpus\" : 3"));
        assertBad(Cli.run("replay", edited.toString()), "configuration was changed");

        Path other = Images.path("hello", io.mmulab.emulator.Arch.ARM64);
        assertBad(Cli.run("replay", trace.toString(), "--image", other.toString()), "recorded with image sha256");

        assertBad(Cli.run("replay", tmp.resolve("missing.json").toString()), "no such file");
    }

    private static void assertBad(Cli c, String fragment) {
        assertEquals(2, c.exit(), c.err());
        String err = c.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(fragment), err);
    }
}
