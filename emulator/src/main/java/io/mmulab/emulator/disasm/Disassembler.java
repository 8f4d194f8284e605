package io.mmulab.emulator.disasm;

import io.mmulab.emulator.Arch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Capstone disassembly for one architecture: text for listings and the debugger, instruction
 * boundaries for the classifier. ARM64 uses the Maven Central artifact
 * {@code com.github.zhkl0228:capstone}; x86-64 uses the system libcapstone, because that
 * artifact has no x86 engine (see {@link SystemCapstoneEngine}). Not thread-safe; close it.
 */
public final class Disassembler implements AutoCloseable {
    /** Bytes handed to the engine per call: bounds copying when data is interleaved with code. */
    static final int WINDOW = 4096;
    /** Longer than any instruction (x86: 15 bytes), so a window end never passes for bad bytes. */
    private static final int MAX_INSN = 16;

    private final Arch arch;
    private final Engine engine;

    /** @throws DisassemblerUnavailableException when no engine for {@code arch} loads here */
    public Disassembler(Arch arch) {
        this.arch = Objects.requireNonNull(arch, "arch");
        this.engine = arch == Arch.ARM64 ? new MavenCapstoneEngine() : new SystemCapstoneEngine();
    }

    /** True when a {@link Disassembler} for {@code arch} can be made on this machine. */
    public static boolean isAvailable(Arch arch) {
        try {
            new Disassembler(arch).close();
            return true;
        } catch (DisassemblerUnavailableException e) {
            return false;
        }
    }

    public Arch arch() {
        return arch;
    }

    /** The engine in use, e.g. {@code "capstone 4.0 (libcapstone.so.4)"}. */
    public String engine() {
        return engine.describe();
    }

    /**
     * The whole buffer, {@code code[0]} at {@code address}. Bytes that cannot be decoded are
     * stepped over (x86: 1 byte, ARM64: 4) and appear as {@link Instruction#undecoded()}
     * pseudo-instructions, so the result covers every byte exactly once, in order.
     */
    public List<Instruction> disassemble(byte[] code, long address) {
        int step = arch == Arch.ARM64 ? 4 : 1;
        List<Instruction> out = new ArrayList<>(code.length / (arch == Arch.ARM64 ? 4 : 3) + 1);
        int off = 0;
        while (off < code.length) {
            int end = Math.min(code.length, off + WINDOW);
            for (Instruction i : engine.decode(code, off, end, address + off, 0)) {
                out.add(i);
                off += i.size();
            }
            if (off >= end || (end < code.length && end - off < MAX_INSN)) {
                continue; // window done, or its last instruction may be cut short: next window
            }
            int n = Math.min(step, code.length - off);
            out.add(Instruction.undecodable(address + off, Arrays.copyOfRange(code, off, off + n)));
            off += n;
        }
        return out;
    }

    /** The instruction at {@code code[0]}, or null if those bytes do not decode. */
    public Instruction disassembleOne(byte[] code, long address) {
        List<Instruction> got = engine.decode(code, 0, Math.min(code.length, MAX_INSN), address, 1);
        return got.isEmpty() ? null : got.get(0);
    }

    @Override
    public void close() {
        engine.close();
    }
}
