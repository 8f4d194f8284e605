package io.mmulab.emulator.elf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A little assembler for hand-built {@code .debug_line} sections in tests: raw values, LEB128,
 * units with their length fields filled in, and line programs.
 */
final class DwarfBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    DwarfBytes u8(int v) {
        out.write(v);
        return this;
    }

    DwarfBytes u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    DwarfBytes u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    DwarfBytes u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    DwarfBytes uleb(long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    DwarfBytes sleb(long v) {
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    DwarfBytes str(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8)).u8(0);
    }

    DwarfBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A 32- or 64-bit DWARF offset. */
    DwarfBytes offset(long v, boolean dwarf64) {
        return dwarf64 ? u64(v) : u32(v);
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        DwarfBytes d = new DwarfBytes();
        for (byte[] p : parts) {
            d.bytes(p);
        }
        return d.toArray();
    }

    // -----------------------------------------------------------------------------------------
    // units

    /** The fields of a line program header before the tables. */
    record Params(int version, boolean dwarf64, int addressSize, int minInst, int maxOps, int lineBase, int lineRange,
                  int opcodeBase, int[] standardOpcodeLengths) {

        static final int[] STANDARD = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};

        static Params of(int version) {
            return new Params(version, false, 8, 1, 1, -5, 14, 13, STANDARD);
        }

        Params in64BitDwarf() {
            return new Params(version, true, addressSize, minInst, maxOps, lineBase, lineRange, opcodeBase,
                    standardOpcodeLengths);
        }

        Params minInst(int m) {
            return new Params(version, dwarf64, addressSize, m, maxOps, lineBase, lineRange, opcodeBase,
                    standardOpcodeLengths);
        }

        Params maxOps(int m) {
            return new Params(version, dwarf64, addressSize, minInst, m, lineBase, lineRange, opcodeBase,
                    standardOpcodeLengths);
        }

        Params addressSize(int s) {
            return new Params(version, dwarf64, s, minInst, maxOps, lineBase, lineRange, opcodeBase,
                    standardOpcodeLengths);
        }

        Params opcodes(int base, int[] lengths) {
            return new Params(version, dwarf64, addressSize, minInst, maxOps, lineBase, lineRange, base, lengths);
        }
    }

    /** A version 2 to 4 file_names entry. */
    record File4(String name, int dir) {
    }

    /** A whole unit: the header (with the given version 2-4 tables, or raw v5 tables) then the program. */
    static byte[] unit(Params p, byte[] tables, byte[] program) {
        DwarfBytes afterHeaderLength = new DwarfBytes();
        afterHeaderLength.u8(p.minInst());
        if (p.version() >= 4) {
            afterHeaderLength.u8(p.maxOps());
        }
        afterHeaderLength.u8(1).u8(p.lineBase()).u8(p.lineRange()).u8(p.opcodeBase());
        for (int i = 0; i < p.opcodeBase() - 1; i++) {
            afterHeaderLength.u8(p.standardOpcodeLengths()[i]);
        }
        afterHeaderLength.bytes(tables);
        byte[] header = afterHeaderLength.toArray();

        DwarfBytes afterLength = new DwarfBytes();
        afterLength.u16(p.version());
        if (p.version() >= 5) {
            afterLength.u8(p.addressSize()).u8(0);
        }
        afterLength.offset(header.length, p.dwarf64()).bytes(header).bytes(program);
        byte[] body = afterLength.toArray();

        DwarfBytes u = new DwarfBytes();
        if (p.dwarf64()) {
            u.u32(0xffffffffL).u64(body.length);
        } else {
            u.u32(body.length);
        }
        return u.bytes(body).toArray();
    }

    /** Version 2 to 4 include_directories and file_names. */
    static byte[] tables4(List<String> dirs, List<File4> files) {
        DwarfBytes t = new DwarfBytes();
        for (String d : dirs) {
            t.str(d);
        }
        t.u8(0);
        for (File4 f : files) {
            t.str(f.name()).uleb(f.dir()).uleb(0).uleb(0);
        }
        return t.u8(0).toArray();
    }

    // -----------------------------------------------------------------------------------------
    // line programs

    static final class Program {
        final DwarfBytes b = new DwarfBytes();
        final Params p;

        Program(Params p) {
            this.p = p;
        }

        Program setAddress(long a) {
            b.u8(0).uleb(1 + p.addressSize()).u8(2);
            for (int i = 0; i < p.addressSize(); i++) {
                b.u8((int) (a >>> (8 * i)));
            }
            return this;
        }

        /** A special opcode advancing the operation pointer by {@code ops} and the line by {@code lines}. */
        Program special(int ops, int lines) {
            int op = (lines - p.lineBase()) + p.lineRange() * ops + p.opcodeBase();
            if (lines < p.lineBase() || lines >= p.lineBase() + p.lineRange() || op > 255) {
                throw new IllegalArgumentException("no special opcode for " + ops + ", " + lines);
            }
            b.u8(op);
            return this;
        }

        Program copy() {
            b.u8(1);
            return this;
        }

        Program advancePc(long ops) {
            b.u8(2).uleb(ops);
            return this;
        }

        Program advanceLine(long d) {
            b.u8(3).sleb(d);
            return this;
        }

        Program setFile(long f) {
            b.u8(4).uleb(f);
            return this;
        }

        Program setColumn(long c) {
            b.u8(5).uleb(c);
            return this;
        }

        Program negateStmt() {
            b.u8(6);
            return this;
        }

        Program constAddPc() {
            b.u8(8);
            return this;
        }

        Program fixedAdvancePc(int delta) {
            b.u8(9).u16(delta);
            return this;
        }

        Program prologueEnd() {
            b.u8(10);
            return this;
        }

        Program endSequence() {
            b.u8(0).uleb(1).u8(1);
            return this;
        }

        Program discriminator(long d) {
            DwarfBytes op = new DwarfBytes().u8(4).uleb(d);
            b.u8(0).uleb(op.size()).bytes(op.toArray());
            return this;
        }

        Program defineFile(String name, int dir) {
            DwarfBytes op = new DwarfBytes().u8(3).str(name).uleb(dir).uleb(0).uleb(0);
            b.u8(0).uleb(op.size()).bytes(op.toArray());
            return this;
        }

        /** An extended opcode this reader does not know, with a payload. */
        Program vendorExtended(int sub, byte... payload) {
            b.u8(0).uleb(1 + payload.length).u8(sub).bytes(payload);
            return this;
        }

        Program raw(int... bytes) {
            for (int x : bytes) {
                b.u8(x);
            }
            return this;
        }

        byte[] toArray() {
            return b.toArray();
        }
    }
}
