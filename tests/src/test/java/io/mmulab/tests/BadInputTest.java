package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input: one line naming the problem, exit code 2, no stack trace. */
class BadInputTest {
    @TempDir
    Path tmp;

    private static void assertOneLineError(Cli c, String... mustContain) {
        assertEquals(2, c.exit(), c.err());
        String err = c.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("mmulab: "), err);
        for (String s : mustContain) {
            assertTrue(err.contains(s), "'" + s + "' in: " + err);
        }
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertEquals("", c.out().strip());
    }

    @Test
    void notAnElf() throws IOException {
        Path f = Files.writeString(tmp.resolve("notes.elf"), "just some text\n");
        assertOneLineError(Cli.run("run", f.toString()), f.toString(), "not an ELF");
    }

    @Test
    void truncatedElf() throws IOException {
        byte[] all = Files.readAllBytes(Images.path("hello", Arch.X86_64));
        Path f = Files.write(tmp.resolve("truncated.elf"), Arrays.copyOf(all, 200));
        assertOneLineError(Cli.run("run", f.toString()), f.toString(), "truncated");
    }

    @Test
    void elfOfAnotherMachine() throws IOException {
        byte[] all = Files.readAllBytes(Images.path("hello", Arch.X86_64));
        all[18] = 40; // EM_ARM: a 32-bit Arm machine number in a 64-bit header
        all[19] = 0;
        Path f = Files.write(tmp.resolve("other.elf"), all);
        assertOneLineError(Cli.run("run", f.toString()), f.toString(), "machine 40");
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("nowhere/missing.elf");
        assertOneLineError(Cli.run("run", f.toString()), f.toString(), "no such file");
    }

    @Test
    void unknownImageName() {
        assertOneLineError(Cli.run("run", "no-such-scenario"), "unknown image 'no-such-scenario'", "hello");
    }

    @Test
    void zeroVcpus() {
        assertOneLineError(Cli.run("run", "hello", "--vcpus", "0"), "--vcpus", "1 and 8", "got 0");
    }

    @Test
    void tooManyVcpus() {
        assertOneLineError(Cli.run("run", "hello", "--vcpus", "99"), "--vcpus", "got 99");
    }

    @Test
    void unknownArch() {
        assertOneLineError(Cli.run("run", "hello", "--arch", "riscv"), "unknown arch 'riscv'", "x86_64 or arm64");
    }

    @Test
    void archMismatchWithPath() {
        String path = Images.path("hello", Arch.ARM64).toString();
        assertOneLineError(Cli.run("run", path, "--arch", "x86_64"), "arm64 image", "--arch x86_64");
    }

    @Test
    void badMemorySize() {
        assertOneLineError(Cli.run("run", "hello", "--mem", "3"), "--mem", "got 3 MiB");
    }

    @Test
    void notANumber() {
        assertOneLineError(Cli.run("run", "hello", "--vcpus", "four"), "--vcpus", "four");
    }

    @Test
    void unknownModel() {
        assertOneLineError(Cli.run("run", "hello", "--model", "pso"), "unknown memory model 'pso'", "sc, tso or arm");
    }

    @Test
    void missingCommand() {
        assertOneLineError(Cli.run(), "missing command");
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.elf"), "nope");
        Cli c = Cli.run("run", f.toString(), "--debug");
        assertEquals(2, c.exit());
        assertTrue(c.err().contains("\tat "), c.err());
    }
}
