package io.mmulab.emulator.disasm;

import capstone.Capstone;
import capstone.jni.FastDisassembler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ARM64 through the Maven Central artifact {@code com.github.zhkl0228:capstone}. Its JNI engine
 * ({@code FastDisassembler}, natives for linux/macOS x86-64 and macOS arm64) decodes ARMv8.1+
 * (LSE atomics, {@code ldapr}, {@code tlbi *os}); its JNA engine (every platform, also
 * linux-aarch64) is older and decodes no LSE atomic, which then show as {@code .inst} words.
 * The classifier works on encodings, so either engine classifies the same.
 * The artifact is built for ARM only: it has no x86 engine.
 */
final class MavenCapstoneEngine implements Engine {
    private static final int CS_ARCH_ARM64 = 1, CS_MODE_ARM = 0;

    private final capstone.api.Disassembler cs;
    private final String name;

    MavenCapstoneEngine() {
        capstone.api.Disassembler d;
        String n;
        try {
            d = new FastDisassembler(CS_ARCH_ARM64, CS_MODE_ARM);
            n = "capstone (zhkl0228, JNI)";
        } catch (RuntimeException | LinkageError jniFailed) {
            try {
                d = new Capstone(CS_ARCH_ARM64, CS_MODE_ARM);
                n = "capstone (zhkl0228, JNA)";
            } catch (RuntimeException | LinkageError jnaFailed) {
                jnaFailed.addSuppressed(jniFailed);
                throw new DisassemblerUnavailableException(
                        "cannot load the ARM64 capstone engine of com.github.zhkl0228:capstone: " + jnaFailed, jnaFailed);
            }
        }
        d.setDetail(false);
        this.cs = d;
        this.name = n;
    }

    @Override
    public List<Instruction> decode(byte[] code, int from, int to, long address, int max) {
        capstone.api.Instruction[] got = cs.disasm(Arrays.copyOfRange(code, from, to), address, Math.max(max, 0));
        if (got == null) {
            return List.of();
        }
        List<Instruction> out = new ArrayList<>(got.length);
        int off = from;
        for (capstone.api.Instruction i : got) {
            int size = i.getSize();
            out.add(new Instruction(i.getAddress(), size, Arrays.copyOfRange(code, off, off + size),
                    i.getMnemonic(), i.getOpStr() == null ? "" : i.getOpStr()));
            off += size;
        }
        return out;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        try {
            cs.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
