package io.mmulab.emulator.disasm;

import java.util.HexFormat;

/** Test bytes: x86 as hex strings of the encoding, ARM64 as 32-bit words as objdump prints them. */
final class Asm {
    private Asm() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Little-endian encoding of A64 instruction words. */
    static byte[] words(int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
