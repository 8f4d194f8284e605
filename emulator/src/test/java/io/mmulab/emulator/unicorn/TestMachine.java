package io.mmulab.emulator.unicorn;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import io.mmulab.emulator.Arch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** One engine over 2 MiB of test-owned RAM at guest physical 0; code goes to 0x1000, data to 0x2000. */
final class TestMachine implements AutoCloseable {
    static final long RAM_SIZE = 2L << 20;
    static final long CODE = 0x1000;
    static final long DATA = 0x2000;

    final Arena arena = Arena.ofConfined();
    final MemorySegment ram = arena.allocate(RAM_SIZE, 4096);
    final Unicorn uc;
    final Arch arch;

    TestMachine(Arch arch) {
        this.arch = arch;
        this.uc = Unicorn.open(arch);
        uc.memMapPtr(0, ram, Uc.PROT_ALL);
    }

    /** Copies code to {@link #CODE}; returns the address just past it. */
    long load(byte[] code) {
        MemorySegment.copy(code, 0, ram, JAVA_BYTE, CODE, code.length);
        return CODE + code.length;
    }

    long ramLong(long addr) {
        return ram.get(JAVA_LONG_UNALIGNED, addr);
    }

    void ramLong(long addr, long v) {
        ram.set(JAVA_LONG_UNALIGNED, addr, v);
    }

    Reg pcReg() {
        return arch == Arch.X86_64 ? X86Reg.RIP : Arm64Reg.PC;
    }

    @Override
    public void close() {
        uc.close();
        arena.close();
    }

    /** x86 machine code from objdump's hex bytes ("48 8b 03 ..."). */
    static byte[] x86(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    /** ARM64 machine code from objdump's instruction words, stored little-endian. */
    static byte[] arm64(int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[i * 4 + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        return b;
    }
}
