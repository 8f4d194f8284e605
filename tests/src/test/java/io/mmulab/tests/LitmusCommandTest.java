// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mmulab litmus}: herd-style output, JSON, the kinds table and its exit codes, bad input. */
class LitmusCommandTest {
    private static final String SB = """
            X86_64 SB
            { }
             P0            | P1            ;
             movl $1,(x)   | movl $1,(y)   ;
             movl (y),%eax | movl (x),%eax ;
            exists (0:rax=0 /\\ 1:rax=0)
            """;

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void storeBufferingIsAllowedUnderTsoAndForbiddenUnderSc() throws IOException {
        Path sb = write("SB.litmus", SB);
        Cli tso = Cli.run("litmus", sb.toString());
        assertEquals(0, tso.exit(), tso.err());
        assertTrue(tso.out().contains("Test SB Allowed"), tso.out());
        assertTrue(tso.out().contains("States 4"), tso.out());
        assertTrue(tso.out().contains(" *>0:rax=0; 1:rax=0;"), tso.out());
        assertTrue(tso.out().contains("\nOk\n"), tso.out());
        assertTrue(tso.out().contains("Condition exists (0:rax=0 /\\ 1:rax=0)"), tso.out());
        assertTrue(tso.out().contains("Time SB "), tso.out());

        Path json = tmp.resolve("out/sc.json");
        Cli sc = Cli.run("litmus", sb.toString(), "--model", "sc", "--json", json.toString());
        assertEquals(0, sc.exit(), sc.err());
        assertTrue(sc.out().contains("Test SB Forbidden"), sc.out());
        assertTrue(sc.out().contains("States 3"), sc.out());
        assertTrue(sc.out().contains("\nNo\n"), sc.out());
        JsonNode t = new ObjectMapper().readTree(json.toFile()).get("tests").get(0);
        assertEquals("SB", t.get("name").asText());
        assertEquals("X86_64", t.get("arch").asText());
        assertEquals("sc", t.get("model").asText());
        assertEquals("Forbidden", t.get("verdict").asText());
        assertFalse(t.get("observed").asBoolean());
        assertEquals(3, t.get("states").size());
        assertTrue(t.get("runs").asLong() > 0);
        assertTrue(t.has("elapsedMs"));
    }

    @Test
    void aForbiddenOutcomeReachedExitsOne() throws IOException {
        Path sb = write("SB.litmus", SB);
        Path kinds = write("kinds.txt", "SB Forbidden\n");
        Cli c = Cli.run("litmus", "--quiet", sb.toString(), "--kinds", kinds.toString());
        assertEquals(1, c.exit(), c.out() + c.err());
        assertTrue(c.out().contains("NO (unsound)"), c.out());
        assertTrue(c.out().contains("Forbidden (or Required) violated: 1"), c.out());
    }

    @Test
    void agreementIsExitZero() throws IOException {
        Path sb = write("SB.litmus", SB);
        Path kinds = write("kinds.txt", "SB Allow\n");
        Cli c = Cli.run("litmus", "--quiet", sb.toString(), "--kinds", kinds.toString());
        assertEquals(0, c.exit(), c.out() + c.err());
        assertTrue(c.out().contains("1 agree, 0 disagree"), c.out());
    }

    @Test
    void malformedFileIsOneLineWithPosition() throws IOException {
        Path bad = write("bad.litmus", "X86_64 T\n{ x=1 y=2 }\n");
        Cli c = Cli.run("litmus", bad.toString());
        assertEquals(2, c.exit(), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertTrue(c.err().startsWith("mmulab: " + bad + ":2:7: expected ';' or '}'"), c.err());
    }

    @Test
    void assemblerErrorNamesThreadAndLine() throws IOException {
        Path bad = write("asm.litmus", SB.replace("movl (x),%eax", "movz (x),%eax"));
        Cli c = Cli.run("litmus", bad.toString());
        assertEquals(2, c.exit(), c.err());
        assertTrue(c.err().startsWith("mmulab: " + bad + ":5:18: thread P1: the assembler rejects 'movz (x),%eax'"),
                c.err());
    }

    @Test
    void unsupportedArchitectureIsNamed() throws IOException {
        Path ppc = write("ppc.litmus", "PPC SB\n{}\n P0 ;\n sync ;\nexists (x=1)\n");
        Cli c = Cli.run("litmus", ppc.toString());
        assertEquals(2, c.exit(), c.err());
        assertTrue(c.err().contains(":1:1: unsupported: architecture PPC"), c.err());
    }
}
