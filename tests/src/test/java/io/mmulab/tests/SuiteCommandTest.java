package io.mmulab.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mmulab suite}: expectations checked, JUnit XML for CI, one-line errors for bad suites. */
class SuiteCommandTest {
    @TempDir
    Path tmp;

    /** The default suite (also the demo's): every race found, every fix clean, one JUnit case per entry. */
    @Test
    void theDefaultSuiteHoldsAndWritesJUnitXml() throws IOException {
        Path junit = tmp.resolve("junit.xml");
        Cli c = Cli.run("suite", "--junit", junit.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, c.exit(), c.out() + c.err());
        String xml = Files.readString(junit);
        int cases = xml.split("<testcase ", -1).length - 1;
        assertTrue(cases >= 20, xml);
        assertTrue(xml.contains("failures=\"0\""), xml);
        assertTrue(xml.contains("name=\"lost-update-locked x86_64 tso dfs depth 2 expect clean\""), xml);
        try (var s = Files.list(tmp.resolve("out").resolve("diagrams"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("lost-update-arm64")), "diagrams written");
        }
    }

    @Test
    void anExpectationThatDoesNotHoldFailsTheRunAndItsTestCase() throws IOException {
        Path suite = Files.writeString(tmp.resolve("s.yaml"), """
                name: wrong
                entries:
                  - image: lost-update
                    arch: x86_64
                    vcpus: 2
                    runs: 500
                    expect: clean
                """);
        Path junit = tmp.resolve("j.xml");
        Cli c = Cli.run("suite", suite.toString(), "--junit", junit.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, c.exit(), c.out() + c.err());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<failure type=\"expectation\" message=\"expected clean, got CHECK_FAILED at run"), xml);
    }

    @Test
    void badSuitesAreOneLineErrors() throws IOException {
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), """
                entries:
                  - image: lost-update
                    expcet: clean
                """);
        assertBad(Cli.run("suite", typo.toString()), "entry 1 (lost-update): unknown key 'expcet'");
        Path kind = Files.writeString(tmp.resolve("kind.yaml"), """
                entries:
                  - image: lost-update
                    expect: fail:SEGFAULT
                """);
        assertBad(Cli.run("suite", kind.toString()), "unknown failure kind 'SEGFAULT'");
        Path image = Files.writeString(tmp.resolve("image.yaml"), """
                entries:
                  - image: no-such-image
                    expect: clean
                """);
        assertBad(Cli.run("suite", image.toString()), "no-such-image");
        Path notYaml = Files.writeString(tmp.resolve("bad.yaml"), "entries: [ {");
        assertBad(Cli.run("suite", notYaml.toString()), "not a YAML suite");
        assertBad(Cli.run("suite", tmp.resolve("missing.yaml").toString()), "no such file");
    }

    private static void assertBad(Cli c, String fragment) {
        assertEquals(2, c.exit(), c.out() + c.err());
        String err = c.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(fragment), err);
    }
}
