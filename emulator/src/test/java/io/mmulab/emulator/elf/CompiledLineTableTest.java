package io.mmulab.emulator.elf;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The line tables gcc and aarch64-linux-gnu-gcc write: tiny programs compiled at test time
 * with DWARF 2 to 5, whose function symbols must map to the lines the functions start on.
 * Skipped when a compiler is missing.
 */
class CompiledLineTableTest {

    private static final Map<String, String> SOURCES = Map.of(
            "inc/helper.h", """
                    static inline int helper_twice(int v) {
                    \treturn v * 2;
                    }
                    """,
            "src/t.c", """
                    #include "helper.h"

                    int counter = 1;
                    extern int util_add(int a, int b);

                    int alpha(int x) {
                    \treturn x + 1;
                    }

                    int beta(int x) {
                    \tint y = helper_twice(x);
                    \treturn y + alpha(x);
                    }

                    void _start(void) {
                    \tcounter = beta(3) + util_add(1, 2);
                    \tfor (;;)
                    \t\t;
                    }
                    """,
            "lib/util.c", """
                    /* a second compilation unit */

                    int util_add(int a, int b) {
                    \treturn a + b;
                    }
                    """);

    /** Function name to where it starts ({@code file:line}, as compiled) and its last line. */
    private record Expected(String file, int first, int last) {
    }

    private static Map<String, Expected> expected() {
        return Map.of(
                "helper_twice", find("inc/helper.h", "int helper_twice("),
                "alpha", find("src/t.c", "int alpha("),
                "beta", find("src/t.c", "int beta("),
                "_start", find("src/t.c", "void _start("),
                "util_add", find("lib/util.c", "int util_add("));
    }

    private static Expected find(String file, String declaration) {
        String[] lines = SOURCES.get(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(declaration)) {
                int end = i;
                while (!lines[end].equals("}")) {
                    end++;
                }
                return new Expected(file, i + 1, end + 1);
            }
        }
        throw new AssertionError(declaration);
    }

    /** Compiles the sources with {@code cc -gdwarf-VERSION} in {@code dir}; returns the image. */
    static ElfImage compile(Path dir, String cc, int version) throws IOException, InterruptedException,
            ImageFormatException {
        assumeTrue(Tools.onPath(cc), cc + " is not on the PATH");
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        String out = "t-dwarf" + version + ".elf";
        // relative source names, as the guest Makefile's are relative to its include directories
        Tools.run(dir, List.of(cc, "-g", "-gdwarf-" + version, "-O0", "-ffreestanding", "-nostdlib", "-static",
                "-fno-pic", "-no-pie", "-Wl,-z,max-page-size=4096", "-Iinc", "-o", out, "src/t.c", "lib/util.c"));
        return ElfImage.load(dir.resolve(out));
    }

    @ParameterizedTest(name = "{0} -gdwarf-{1}")
    @CsvSource({"gcc, 2", "gcc, 3", "gcc, 4", "gcc, 5",
                "aarch64-linux-gnu-gcc, 2", "aarch64-linux-gnu-gcc, 4", "aarch64-linux-gnu-gcc, 5"})
    void functionSymbolsMapToTheirFirstLine(String cc, int version, @TempDir Path dir) throws Exception {
        ElfImage img = compile(dir, cc, version);
        LineTable lines = img.sourceLines();
        assertTrue(lines.warning().isEmpty(), () -> lines.warning().orElseThrow());
        assertEquals(2, lines.unitCount(), lines.toString());
        for (Map.Entry<String, Expected> e : expected().entrySet()) {
            ElfSymbol sym = img.symbols().byName(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey()));
            Expected x = e.getValue();
            assertEquals(x.file() + ":" + x.first(), lines.describe(sym.address()), e.getKey());
            // and every byte of the function lies within it
            for (long a = sym.address(); a < sym.address() + sym.size(); a++) {
                long at = a;
                SourceLine l = lines.lookup(at).orElseThrow(
                        () -> new AssertionError(e.getKey() + " has no line at 0x" + Long.toHexString(at)));
                assertEquals(x.file(), l.file());
                assertTrue(l.line() >= x.first() && l.line() <= x.last(), e.getKey() + ": " + l);
            }
        }
        ElfSymbol last = img.symbols().byName("util_add").orElseThrow();
        assertEquals("", lines.describe(last.address() + last.size() + 0x1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcc", "aarch64-linux-gnu-gcc"})
    void dwarf4And5AgreeOnEveryAddress(String cc, @TempDir Path dir) throws Exception {
        ElfImage v4 = compile(dir, cc, 4);
        ElfImage v5 = compile(dir, cc, 5);
        int checked = 0;
        for (ElfSymbol s : v4.symbols().all()) {
            Optional<ElfSymbol> t = v5.symbols().byName(s.name());
            assumeTrue(t.isPresent() && t.get().address() == s.address() && t.get().size() == s.size(),
                    "the two builds lay out " + s.name() + " differently");
            if (!s.function()) {
                continue;
            }
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (long x = s.address(); x < s.address() + s.size(); x++) {
                a.add(v4.sourceLines().describe(x));
                b.add(v5.sourceLines().describe(x));
                checked++;
            }
            assertEquals(a, b, s.name());
        }
        assertTrue(checked > 50, "checked " + checked);
    }
}
