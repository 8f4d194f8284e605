package io.mmulab.tests;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mmulab run}: console on stdout, guest status as exit code, determinism by seed. */
class RunCommandTest {

    private static List<String> greetings(String out) {
        return out.lines().filter(l -> l.startsWith("hello from cpu")).collect(Collectors.toList());
    }

    @Test
    void sameSeedPrintsIdenticalOutput() {
        Cli a = Cli.run("run", "hello", "--arch", "arm64", "--vcpus", "4", "--seed", "7");
        Cli b = Cli.run("run", "hello", "--arch", "arm64", "--vcpus", "4", "--seed", "7");
        assertEquals(0, a.exit(), a.err());
        assertEquals(4, greetings(a.out()).size(), a.out());
        assertEquals(a.out(), b.out());
        assertEquals(a.err(), b.err());
    }

    @Test
    void otherSeedsPrintTheGreetingsInAnotherOrder() {
        Set<List<String>> orders = new HashSet<>();
        for (int seed = 1; seed <= 12 && orders.size() < 2; seed++) {
            Cli c = Cli.run("run", "hello", "--arch", "arm64", "--vcpus", "4", "--seed", Integer.toString(seed));
            assertEquals(0, c.exit(), c.err());
            orders.add(greetings(c.out()));
        }
        assertTrue(orders.size() >= 2, "every seed printed the same order: " + orders);
    }

    @Test
    void x86RunExitsWithGuestStatusAndSummarisesOnStderr() {
        Cli c = Cli.run("run", "hello", "--arch", "x86_64", "--vcpus", "2", "--seed", "3");
        assertEquals(0, c.exit(), c.err());
        assertEquals(List.of("hello from cpu 0 (x86_64)", "hello from cpu 1 (x86_64)"),
                greetings(c.out()).stream().sorted().collect(Collectors.toList()));
        assertTrue(c.err().contains("done(0)"), c.err());
    }

    @Test
    void runByPathTakesTheArchFromTheElf() {
        String path = Images.path("hello", io.mmulab.emulator.Arch.ARM64).toString();
        Cli c = Cli.run("run", path, "--vcpus", "1");
        assertEquals(0, c.exit(), c.err());
        assertEquals(List.of("hello from cpu 0 (arm64)"), greetings(c.out()));
    }

    @Test
    void budgetStopsARunWithEveryVcpuPc() {
        Cli c = Cli.run("run", "hello", "--arch", "x86_64", "--vcpus", "2", "--max-steps", "300");
        assertEquals(64, c.exit(), c.err());
        String line = c.err().strip();
        assertTrue(line.contains("BUDGET_EXHAUSTED") && line.contains("--max-steps"), line);
        assertTrue(line.contains("cpu0 ") && line.contains("cpu1 "), line);
        assertNotEquals(-1, line.indexOf(" at "), "a PC as symbol+offset: " + line);
    }

    @Test
    void imagesListsHelloForBothArches() {
        Cli c = Cli.run("images");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().lines().anyMatch(l -> l.matches("hello\\s+x86_64\\s+/.*hello\\.elf")), c.out());
        assertTrue(c.out().lines().anyMatch(l -> l.matches("hello\\s+arm64\\s+/.*hello\\.elf")), c.out());
    }

    @Test
    void helpIsAvailableEverywhere() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"images", "--help"}, {"demo", "--help"}}) {
            Cli c = Cli.run(args);
            assertEquals(0, c.exit(), String.join(" ", args));
            assertTrue(c.out().contains("Usage:"), c.out());
        }
    }
}
