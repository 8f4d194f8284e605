// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The herd format as written in the wild, and what a malformed or unsupported file is told. */
class LitmusParserTest {
    private static final Path FILE = Path.of("t.litmus");

    private static LitmusTest parse(String text) throws LitmusException {
        return LitmusParser.parse(FILE, text);
    }

    /** The message of the exception {@code text} raises, which must be of type {@code type}. */
    private static String error(Class<? extends LitmusException> type, String text) {
        LitmusException e = assertThrows(LitmusException.class, () -> parse(text));
        assertInstanceOf(type, e, e.getMessage());
        return e.getMessage();
    }

    @Test
    void x86TestWithLocationOperandsAndDescription() throws Exception {
        LitmusTest t = parse("""
                X86_64 SB
                "a description"
                Cycle=Fre PodWR Fre PodWR
                {
                }
                 P0            | P1            ;
                 movl $1,(x)   | movl $1,(y)   ;
                 movl (y),%eax | movl (x),%eax ;
                exists (0:rax=0 /\\ 1:rax=0)
                """);
        assertEquals(Arch.X86_64, t.arch());
        assertEquals("SB", t.name());
        assertEquals("Fre PodWR Fre PodWR", t.info().get("Cycle"));
        assertEquals(List.of("x", "y"), t.locations().stream().map(Location::name).toList());
        assertEquals(2, t.threads().size());
        assertEquals("movl (y),%eax", t.threads().get(0).get(1).text());
        assertEquals(new Pos(8, 2), t.threads().get(0).get(1).pos());
        assertEquals(Condition.Quantifier.EXISTS, t.condition().quantifier());
        assertEquals("exists (0:rax=0 /\\ 1:rax=0)", t.condition().toString());
    }

    @Test
    void arm64InitBlockWithTypesSpacesAndLabels() throws Exception {
        LitmusTest t = parse("""
                AArch64 T
                {
                  uint64_t x = 0;
                  int z=1; [w]=2;
                  0: X0 = x;         1: X0 = z;
                  1:X3=-1;
                }
                P0          | P1            ;
                LDR X3,[X0] | LDR W1,[X0]   ;
                            | CBNZ W1,out   ; (* a comment | with a bar *)
                            | MOV W2,#1     ;
                            | out:          ;
                locations [x; 1:X2;]
                ~exists (0:X3=1 /\\ (1:X1=0 \\/ ~[z]=1));
                """);
        assertEquals(8, t.location("x").orElseThrow().width());
        assertEquals(1, t.location("z").orElseThrow().initial());
        assertEquals(2, t.location("w").orElseThrow().initial());
        assertEquals(4, t.location("w").orElseThrow().width());
        assertEquals(3, t.registers().size());
        assertEquals(new Value.Num(-1), t.registers().get(2).value());
        assertEquals(new Value.Addr("z"), t.registers().get(1).value());
        assertEquals(List.of("LDR W1,[X0]", "CBNZ W1,out", "MOV W2,#1", "out:"),
                t.threads().get(1).stream().map(CodeLine::text).toList());
        assertEquals(Condition.Quantifier.NOT_EXISTS, t.condition().quantifier());
        assertEquals("[0:X3, 1:X1, 1:X2, x, z]", t.stateTerms().toString());
    }

    @Test
    void conditionPrecedenceAndForall() throws Exception {
        LitmusTest t = parse("""
                AArch64 P
                {}
                 P0        ;
                 MOV W0,#1 ;
                forall 0:X0=1 \\/ 0:X0=2 /\\ ~0:X1=3
                """);
        assertEquals(Condition.Quantifier.FORALL, t.condition().quantifier());
        Prop.Or or = assertInstanceOf(Prop.Or.class, t.condition().prop());
        assertInstanceOf(Prop.And.class, or.right());
        assertTrue(t.locations().isEmpty());
    }

    @Test
    void thirtyTwoBitRegisterViewsCompareTheLowHalf() throws Exception {
        LitmusTest t = parse("""
                AArch64 W
                {}
                 P0        ;
                 MOV W0,#1 ;
                exists (0:W0=1)
                """);
        Prop.Eq eq = assertInstanceOf(Prop.Eq.class, t.condition().prop());
        Term.Reg r = assertInstanceOf(Term.Reg.class, eq.term());
        assertEquals(32, r.register().bits());
        assertEquals("X0", r.register().name());
    }

    // --- malformed input: file:line:column and what was expected ---

    @Test
    void unknownArchitectureWord() {
        assertEquals("t.litmus:1:1: expected an architecture name (X86_64 or AArch64) at the start of the test, found 'Foo'",
                error(LitmusSyntaxException.class, "Foo T\n{}\n P0 ;\n nop ;\nexists (x=1)\n"));
    }

    @Test
    void aPathInsteadOfATest() {
        String m = error(LitmusSyntaxException.class, "../../tests//X.litmus\n");
        assertTrue(m.startsWith("t.litmus:1:1: expected an architecture name"), m);
        assertTrue(m.contains("holds only a path"), m);
    }

    @Test
    void missingName() {
        assertEquals("t.litmus:1:8: expected the test name after AArch64",
                error(LitmusSyntaxException.class, "AArch64\n{}\n P0 ;\n NOP ;\nexists (0:X0=1)\n"));
    }

    @Test
    void missingInitBlock() {
        assertEquals("t.litmus:2:2: expected '{' to open the initial state (or a key=value line before it), found 'P0 | P1 ;'",
                error(LitmusSyntaxException.class, "X86_64 T\n P0 | P1 ;\n"));
    }

    @Test
    void initValuesWithoutSeparator() {
        assertEquals("t.litmus:2:7: expected ';' or '}' after an initial value, found 'y'",
                error(LitmusSyntaxException.class, "X86_64 T\n{ x=1 y=2 }\n P0 ;\n nop ;\nexists (x=1)\n"));
    }

    @Test
    void unclosedInitBlock() {
        assertEquals("t.litmus:2:7: expected '}' to close the initial state, found the end of the file",
                error(LitmusSyntaxException.class, "X86_64 T\n{ x=1;"));
    }

    @Test
    void badRegisterInInit() {
        assertEquals("t.litmus:2:5: expected an AArch64 register (X0..X30, W0..W30), found 'X31'",
                error(LitmusSyntaxException.class, "AArch64 T\n{ 0:X31=1; }\n P0 ;\n NOP ;\nexists (0:X0=1)\n"));
    }

    @Test
    void rowWithoutSemicolon() {
        assertEquals("t.litmus:4:11: expected ';' at the end of the row",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 | P1 ;\n NOP | NOP\nexists (0:X0=1)\n"));
    }

    @Test
    void rowWithTooFewColumns() {
        assertEquals("t.litmus:4:6: expected 2 columns separated by '|', found 1",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 | P1 ;\n NOP ;\nexists (0:X0=1)\n"));
    }

    @Test
    void threadsOutOfOrder() {
        assertEquals("t.litmus:3:7: expected the thread name P1, found 'P2'",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 | P2 ;\n NOP | NOP ;\nexists (0:X0=1)\n"));
    }

    @Test
    void conditionMissingEquals() {
        assertEquals("t.litmus:5:14: expected '=' after 0:X0, found ')'",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 ;\n NOP ;\nexists (0:X0 )\n"));
    }

    @Test
    void conditionUnbalancedParenthesis() {
        assertEquals("t.litmus:5:15: expected ')' or a connective (/\\, \\/), found the end of the file",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 ;\n NOP ;\nexists (0:X0=1\n"));
    }

    @Test
    void conditionOnAThreadThatDoesNotExist() {
        assertEquals("t.litmus:5:8: thread 1 does not exist (the test has 1 thread)",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 ;\n NOP ;\nexists 1:X0=1\n"));
    }

    @Test
    void trailingGarbageAfterCondition() {
        assertEquals("t.litmus:5:15: expected /\\, \\/ or the end of the condition, found 'x'",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 ;\n NOP ;\nexists 0:X0=1 x=1\n"));
    }

    @Test
    void noCondition() {
        assertEquals("t.litmus:4:7: expected the final condition (exists, ~exists or forall), found the end of the file",
                error(LitmusSyntaxException.class, "AArch64 T\n{}\n P0 ;\n NOP ;\n"));
    }

    @Test
    void unterminatedComment() {
        assertEquals("t.litmus:2:1: expected '*)' to close this comment before the end of the file",
                error(LitmusSyntaxException.class, "AArch64 T\n(* oops\n{}\n"));
    }

    @Test
    void numberTooLarge() {
        assertEquals("t.litmus:2:8: expected a 64-bit number, found '99999999999999999999999'",
                error(LitmusSyntaxException.class, "AArch64 T\n{ 0:X0=99999999999999999999999; }\n P0 ;\n NOP ;\nexists 0:X0=1\n"));
    }

    // --- well formed, but not supported: named, never skipped ---

    @Test
    void otherArchitecture() {
        assertEquals("t.litmus:1:1: unsupported: architecture PPC (mmulab runs X86_64 and AArch64 litmus tests)",
                error(UnsupportedLitmusException.class, "PPC T\n{}\n P0 ;\n sync ;\nexists (x=1)\n"));
    }

    @Test
    void byteLocation() {
        assertEquals("t.litmus:2:3: unsupported: location x of type char (1 byte; mmulab runs 4- and 8-byte locations)",
                error(UnsupportedLitmusException.class, "AArch64 T\n{ char x; 0:X1=x; }\n P0 ;\n NOP ;\nexists x=1\n"));
    }

    @Test
    void halfwordAccessOnArm64() {
        assertEquals("t.litmus:4:2: unsupported: access width other than 4 or 8 bytes ('STRH W0,[X1]'; mmulab runs 4- and"
                        + " 8-byte accesses)",
                error(UnsupportedLitmusException.class, "AArch64 T\n{ 0:X1=x; }\n P0 ;\n STRH W0,[X1] ;\nexists x=1\n"));
    }

    @Test
    void byteAccessOnX86() {
        assertEquals("t.litmus:4:2: unsupported: access width other than 4 or 8 bytes ('movb $1,(x)'; mmulab runs 4- and"
                        + " 8-byte accesses)",
                error(UnsupportedLitmusException.class, "X86_64 T\n{ }\n P0 ;\n movb $1,(x) ;\nexists x=1\n"));
    }

    @Test
    void tooManyThreads() {
        String header = " P0 | P1 | P2 | P3 | P4 | P5 | P6 | P7 | P8 ;\n";
        assertEquals("t.litmus:3:42: unsupported: 9 threads (mmulab runs at most 8, one vCPU each)",
                error(UnsupportedLitmusException.class, "AArch64 T\n{}\n" + header));
    }

    @Test
    void filterClause() {
        assertEquals("t.litmus:5:1: unsupported: filter clause",
                error(UnsupportedLitmusException.class, "AArch64 T\n{}\n P0 ;\n NOP ;\nfilter (0:X0=1)\nexists 0:X0=1\n"));
    }

    @Test
    void pointerInMemory() {
        assertEquals("t.litmus:2:5: unsupported: location x initialised with the address of y (pointers in memory)",
                error(UnsupportedLitmusException.class, "AArch64 T\n{ x=y; }\n P0 ;\n NOP ;\nexists 0:X0=1\n"));
    }

    @Test
    void kindsFile() throws Exception {
        Path f = java.nio.file.Files.createTempFile("kinds", ".txt");
        try {
            java.nio.file.Files.writeString(f, "# comment\nSB  Allow \nMP Forbidden\n\nSmall Required\n");
            Kinds k = Kinds.read(f);
            assertEquals(Verdict.ALLOWED, k.entries().get("SB"));
            assertEquals(Verdict.FORBIDDEN, k.entries().get("MP"));
            assertEquals(Verdict.REQUIRED, k.entries().get("Small"));
            assertFalse(k.entries().containsKey("comment"));
            java.nio.file.Files.writeString(f, "SB Maybe\n");
            LitmusException e = assertThrows(LitmusSyntaxException.class, () -> Kinds.read(f));
            assertEquals(f + ":1:4: expected Allowed, Forbidden or Required, found 'Maybe'", e.getMessage());
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
