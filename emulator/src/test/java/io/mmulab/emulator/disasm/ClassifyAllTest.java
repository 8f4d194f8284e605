package io.mmulab.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mmulab.emulator.Arch;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

import org.junit.jupiter.api.Test;

/** Mixed buffers: only the interesting addresses come back, in (unsigned) address order. */
class ClassifyAllTest {

    private static List<String> details(NavigableMap<Long, Classification> m) {
        return new ArrayList<>(m.values().stream().map(Classification::detail).toList());
    }

    @Test
    void x86MixedText() {
        long base = 0xffffffff81000000L;
        byte[] code = Asm.hex("48 8b 07"        // +0x00 movq (%rdi),%rax
                + "f0 48 ff 46 08"              // +0x03 lock incq 8(%rsi)
                + "48 01 c3"                    // +0x08 addq %rax,%rbx
                + "0f ae f0"                    // +0x0b mfence
                + "48 89 47 08"                 // +0x0e movq %rax,8(%rdi)
                + "0f 22 d8"                    // +0x12 movq %rax,%cr3
                + "0f 01 38"                    // +0x15 invlpg (%rax)
                + "fa"                          // +0x18 cli
                + "90"                          // +0x19 nop
                + "06"                          // +0x1a (invalid in 64-bit mode)
                + "e7 4d"                       // +0x1b outl %eax,$0x4d
                + "f4"                          // +0x1d hlt
                + "c3");                        // +0x1e retq
        try (Disassembler d = new Disassembler(Arch.X86_64)) {
            NavigableMap<Long, Classification> m = new InstructionClassifier(Arch.X86_64)
                    .classifyAll(d.disassemble(code, base));
            assertEquals(List.of(base + 0x03, base + 0x0b, base + 0x12, base + 0x15, base + 0x18, base + 0x1b,
                    base + 0x1d), new ArrayList<>(m.keySet()));
            assertEquals(List.of("lock incq", "mfence", "mov cr3", "invlpg", "cli", "outl $0x4d", "hlt"), details(m));
        }
    }

    @Test
    void arm64MixedText() {
        long base = 0xffff800008010000L;
        byte[] code = Asm.words(
                0xf9400020,     // +0x00 ldr x0, [x1]
                0xc85ffc20,     // +0x04 ldaxr x0, [x1]
                0x91000400,     // +0x08 add x0, x0, #1
                0xc803fc20,     // +0x0c stlxr w3, x0, [x1]
                0xf9000020,     // +0x10 str x0, [x1]
                0xd5033a9f,     // +0x14 dsb ishst
                0xd5088320,     // +0x18 tlbi vae1is, x0
                0xd5033b9f,     // +0x1c dsb ish
                0xd5033fdf,     // +0x20 isb
                0xffffffff,     // +0x24 (undecodable)
                0xf820003f,     // +0x28 stadd x0, [x1]
                0xd50342df,     // +0x2c msr daifset, #2
                0xd4000002,     // +0x30 hvc #0
                0xd65f03c0);    // +0x34 ret
        try (Disassembler d = new Disassembler(Arch.ARM64)) {
            NavigableMap<Long, Classification> m = new InstructionClassifier(Arch.ARM64)
                    .classifyAll(d.disassemble(code, base));
            assertEquals(List.of(base + 0x04, base + 0x0c, base + 0x14, base + 0x18, base + 0x1c, base + 0x20,
                    base + 0x28, base + 0x2c, base + 0x30), new ArrayList<>(m.keySet()));
            assertEquals(List.of("ldaxr", "stlxr", "dsb ishst", "tlbi vae1is", "dsb ish", "isb", "stadd",
                    "msr daifset,#2", "hvc #0"), details(m));
        }
    }

    @Test
    void undecodedArm64WordsAreStillClassifiedByEncoding() {
        // An engine that cannot decode LSE (the artifact's JNA fallback) yields .inst words; the
        // classifier reads the encoding, so the atomic is still found.
        Instruction word = Instruction.undecodable(0x100, Asm.words(0xf8e00022));   // ldaddal x0, x2, [x1]
        NavigableMap<Long, Classification> m = new InstructionClassifier(Arch.ARM64).classifyAll(List.of(word));
        assertEquals(List.of(0x100L), new ArrayList<>(m.keySet()));
        assertEquals(Ordering.ACQ_REL, m.get(0x100L).ordering());
    }

    @Test
    void addressesSortUnsigned() {
        InstructionClassifier c = new InstructionClassifier(Arch.X86_64);
        Instruction kernel = new Instruction(0xffffffff81000000L, 1, Asm.hex("fa"), "cli", "");
        Instruction user = new Instruction(0x401000L, 1, Asm.hex("fb"), "sti", "");
        NavigableMap<Long, Classification> m = c.classifyAll(List.of(kernel, user));
        assertEquals(List.of(0x401000L, 0xffffffff81000000L), new ArrayList<>(m.keySet()));
    }

    @Test
    void nothingInterestingGivesAnEmptyMap() {
        try (Disassembler d = new Disassembler(Arch.X86_64)) {
            assertEquals(0, new InstructionClassifier(Arch.X86_64)
                    .classifyAll(d.disassemble(Asm.hex("48 8b 07 48 01 c3 c3"), 0)).size());
        }
    }
}
