package io.mmulab.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.emulator.Arch;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DisassemblerTest {

    /** Every byte covered exactly once, in order, starting at {@code address}. */
    private static void assertCovers(List<Instruction> insns, byte[] code, long address) {
        long at = address;
        for (Instruction i : insns) {
            assertEquals(at, i.address(), () -> "gap or overlap at " + i);
            for (int k = 0; k < i.size(); k++) {
                assertEquals(code[(int) (at - address) + k], i.bytes()[k]);
            }
            at += i.size();
        }
        assertEquals(address + code.length, at);
    }

    private static List<String> texts(List<Instruction> insns) {
        return insns.stream().map(Instruction::text).toList();
    }

    @Test
    void x86TextIsAtt() {
        try (Disassembler d = new Disassembler(Arch.X86_64)) {
            assertTrue(d.engine().startsWith("capstone "), d.engine());
            byte[] code = Asm.hex("f0 48 0f b1 0a"   // lock cmpxchg %rcx,(%rdx)
                    + "0f 22 d8"                      // mov %rax,%cr3
                    + "e7 4d");                       // outl %eax,$0x4d
            List<Instruction> got = d.disassemble(code, 0xffffffff81000000L);
            assertEquals(List.of("lock cmpxchgq %rcx, (%rdx)", "movq %rax, %cr3", "outl %eax, $0x4d"), texts(got));
            assertEquals(0xffffffff81000005L, got.get(1).address());
            assertEquals(3, got.get(1).size());
            assertCovers(got, code, 0xffffffff81000000L);
        }
    }

    @Test
    void arm64TextShowsLseAtomics() {
        try (Disassembler d = new Disassembler(Arch.ARM64)) {
            byte[] code = Asm.words(0xf8e00022,       // ldaddal x0, x2, [x1]
                    0xf820003f,                       // stadd x0, [x1]
                    0xc8e0fc22,                       // casal x0, x2, [x1]
                    0xf8e08022,                       // swpal x0, x2, [x1]
                    0xd5088320,                       // tlbi vae1is, x0
                    0xd50342df);                      // msr daifset, #2
            List<Instruction> got = d.disassemble(code, 0xffff800008000000L);
            assertEquals(List.of("ldaddal x0, x2, [x1]", "stadd x0, [x1]", "casal x0, x2, [x1]",
                    "swpal x0, x2, [x1]", "tlbi vae1is, x0", "msr daifset, #2"), texts(got));
            assertCovers(got, code, 0xffff800008000000L);
        }
    }

    @Test
    void undecodableX86BytesAreSteppedOverOneByOne() {
        try (Disassembler d = new Disassembler(Arch.X86_64)) {
            byte[] code = Asm.hex("06 27 90 f0");     // push %es and daa are invalid in 64-bit mode; nop; a lone lock
            List<Instruction> got = d.disassemble(code, 0x2000);
            assertEquals(List.of(".byte 0x06", ".byte 0x27", "nop", ".byte 0xf0"), texts(got));
            assertTrue(got.get(0).undecoded());
            assertFalse(got.get(2).undecoded());
            assertCovers(got, code, 0x2000);
            assertNull(d.disassembleOne(Asm.hex("06 90"), 0));
        }
    }

    @Test
    void undecodableArm64WordsAreSteppedOverFourBytesAtATime() {
        try (Disassembler d = new Disassembler(Arch.ARM64)) {
            byte[] code = Asm.concat(Asm.words(0xffffffff, 0x00000000, 0xd503201f), Asm.hex("1f 20"));
            List<Instruction> got = d.disassemble(code, 0x3000);
            assertEquals(List.of(".inst 0xffffffff", ".inst 0x00000000", "nop", ".byte 0x1f, 0x20"), texts(got));
            assertEquals(4, got.get(0).size());
            assertEquals(2, got.get(3).size());
            assertCovers(got, code, 0x3000);
            assertNull(d.disassembleOne(Asm.words(0xffffffff), 0));
        }
    }

    @Test
    void disassembleOneReturnsOnlyTheFirstInstruction() {
        try (Disassembler d = new Disassembler(Arch.X86_64)) {
            Instruction i = d.disassembleOne(Asm.hex("0f ae f0 90 90"), 0x10);   // mfence; nop; nop
            assertNotNull(i);
            assertEquals("mfence", i.text());
            assertEquals(0x10, i.address());
            assertEquals(3, i.size());
        }
        try (Disassembler d = new Disassembler(Arch.ARM64)) {
            Instruction i = d.disassembleOne(Asm.words(0xd69f03e0, 0xd503201f), 0x20);  // eret; nop
            assertNotNull(i);
            assertEquals("eret", i.text());
            assertEquals(4, i.size());
        }
    }

    @Test
    void emptyInput() {
        try (Disassembler d = new Disassembler(Arch.X86_64)) {
            assertEquals(List.of(), d.disassemble(new byte[0], 0));
            assertNull(d.disassembleOne(new byte[0], 0));
        }
    }

    @Test
    void instructionsStraddlingTheEngineWindowDecodeWhole() {
        // 1000 five-byte instructions: several cross a multiple of the 4096-byte window.
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            parts.add(Asm.hex("f0 48 ff 46 08"));   // lock incq 8(%rsi)
        }
        byte[] code = Asm.concat(parts.toArray(byte[][]::new));
        try (Disassembler d = new Disassembler(Arch.X86_64)) {
            List<Instruction> got = d.disassemble(code, 0x400000);
            assertEquals(1000, got.size());
            assertTrue(got.stream().allMatch(i -> i.text().equals("lock incq 8(%rsi)")), "none split or skipped");
            assertCovers(got, code, 0x400000);
        }
    }

    @Test
    void dataInsideTextDoesNotDerailDecoding() {
        // Undecodable words spanning several windows, then code again.
        int[] words = new int[3000];
        java.util.Arrays.fill(words, 0, 2500, 0xffffffff);
        java.util.Arrays.fill(words, 2500, 3000, 0xf8e00022);   // ldaddal x0, x2, [x1]
        byte[] code = Asm.words(words);
        try (Disassembler d = new Disassembler(Arch.ARM64)) {
            List<Instruction> got = d.disassemble(code, 0);
            assertEquals(3000, got.size());
            assertTrue(got.subList(0, 2500).stream().allMatch(Instruction::undecoded));
            assertTrue(got.subList(2500, 3000).stream().allMatch(i -> i.mnemonic().equals("ldaddal")));
            assertCovers(got, code, 0);
        }
    }

    @Test
    void availability() {
        assertTrue(Disassembler.isAvailable(Arch.ARM64), "the Maven capstone artifact carries an ARM64 engine");
        assertTrue(Disassembler.isAvailable(Arch.X86_64), SystemCapstoneEngine.HINT);
    }

    @Test
    void instructionRecordIsAValue() {
        Instruction a = new Instruction(1, 2, new byte[] {1, 2}, "m", "o");
        byte[] src = {1, 2};
        Instruction b = new Instruction(1, 2, src, "m", "o");
        src[0] = 9;   // copied in: later changes to the caller's array do not leak in
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("m o", a.text());
        assertEquals(3, a.end());
    }
}
