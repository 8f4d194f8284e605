package io.mmulab.emulator.disasm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One decoded instruction. Bytes that no engine could decode are kept as a pseudo-instruction
 * ({@code .byte 0xNN} on x86, {@code .inst 0xNNNNNNNN} on ARM64, as objdump prints them) so a
 * listing covers every address; see {@link #undecoded()}.
 *
 * @param bytes the encoding; the array is copied in, callers must not modify {@link #bytes()}
 */
public record Instruction(long address, int size, byte[] bytes, String mnemonic, String operands) {

    public Instruction {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mnemonic, "mnemonic");
        Objects.requireNonNull(operands, "operands");
        if (size != bytes.length) {
            throw new IllegalArgumentException("size " + size + " != " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
    }

    /** The pseudo-instruction for bytes no engine decodes: 4 bytes on ARM64, 1 on x86 (or a shorter tail). */
    static Instruction undecodable(long address, byte[] bytes) {
        if (bytes.length == 4) {
            int w = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
            return new Instruction(address, 4, bytes, ".inst", String.format("0x%08x", w));
        }
        StringBuilder ops = new StringBuilder();
        for (byte b : bytes) {
            ops.append(ops.isEmpty() ? "" : ", ").append(String.format("0x%02x", b & 0xff));
        }
        return new Instruction(address, bytes.length, bytes, ".byte", ops.toString());
    }

    /** {@code mnemonic operands}, e.g. {@code "lock cmpxchgq %rcx, (%rdx)"}. */
    public String text() {
        return operands.isEmpty() ? mnemonic : mnemonic + " " + operands;
    }

    /** True for the pseudo-instruction standing for undecodable bytes. */
    public boolean undecoded() {
        return mnemonic.startsWith(".");
    }

    /** Address after this instruction. */
    public long end() {
        return address + size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction i && address == i.address && size == i.size && Arrays.equals(bytes, i.bytes)
                && mnemonic.equals(i.mnemonic) && operands.equals(i.operands);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, Arrays.hashCode(bytes), mnemonic, operands);
    }

    @Override
    public String toString() {
        return String.format("%x: %-24s %s", address, HexFormat.ofDelimiter(" ").formatHex(bytes), text());
    }
}
