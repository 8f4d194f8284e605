package io.mmulab.emulator.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A forward walk over the debugging information entries (DIEs) of {@code .debug_info}: unit
 * headers (DWARF 2 to 5, 32- and 64-bit), abbreviation tables, attribute forms and LEB128
 * numbers. Readers of particular entries ({@link InlineTable}: functions, {@link TypeTable}:
 * types) say what to keep in {@link #entry}; the cursor stands on the entry's first attribute
 * there, and the reader reads or skips every attribute in its abbreviation's order.
 */
abstract class DieWalker {
    static final int FORM_ADDR = 0x01;
    static final int FORM_STRING = 0x08;
    static final int FORM_STRP = 0x0e;
    static final int FORM_REF_ADDR = 0x10;
    static final int FORM_LINE_STRP = 0x1f;
    static final int FORM_IMPLICIT_CONST = 0x21;

    final byte[] info;
    final byte[] abbrev;
    final byte[] str;
    final byte[] lineStr;
    private final Map<Integer, Map<Long, int[][]>> abbrevTables = new HashMap<>();

    int pos;
    int offsetSize;
    int addressSize;
    int version;
    int unitStart;

    DieWalker(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr) {
        this.info = info;
        this.abbrev = abbrev == null ? new byte[0] : abbrev;
        this.str = str;
        this.lineStr = lineStr;
    }

    /** A section's bytes, or null when the image has none; compressed sections are not read. */
    static byte[] section(ElfImage image, String name) throws ImageFormatException {
        Optional<ElfSection> s = image.section(name);
        if (s.isEmpty()) {
            return null;
        }
        if (s.get().compressed()) {
            throw new ImageFormatException(name + " is compressed");
        }
        return image.sectionBytes(s.get());
    }

    /** Called at the start of each compile unit, before its first entry. */
    void unitStarted() {
    }

    /**
     * One entry at {@code depth} (the unit's DIE is at 0). {@code attrs[0]} is {tag, has
     * children}, then one {attribute, form, implicit value} per attribute: read each in order.
     */
    abstract void entry(int die, int tag, boolean children, int[][] attrs, int depth);

    /** Every compile unit, in section order. */
    final void walk() {
        pos = 0;
        while (pos + 11 <= info.length) {
            unitStart = pos;
            long length = u32();
            offsetSize = 4;
            if (length == 0xffffffffL) {
                offsetSize = 8;
                length = u64();
            }
            int end = pos + (int) length;
            if (length == 0 || end > info.length || end < pos) {
                return;
            }
            version = u16();
            long abbrevOffset;
            if (version >= 5) {
                int unitType = u8();
                addressSize = u8();
                abbrevOffset = offset();
                if (unitType != 1) {   // only DW_UT_compile units describe code and types here
                    pos = end;
                    continue;
                }
            } else if (version >= 2) {
                abbrevOffset = offset();
                addressSize = u8();
            } else {
                throw new IllegalStateException("unsupported DWARF version " + version);
            }
            unitStarted();
            dies(abbrevs((int) abbrevOffset), end);
            pos = end;
        }
    }

    private void dies(Map<Long, int[][]> table, int end) {
        int depth = 0;
        while (pos < end) {
            int die = pos;
            long code = uleb();
            if (code == 0) {
                depth--;
                if (depth < 0) {
                    throw new IllegalStateException("unbalanced DIE tree at 0x" + Integer.toHexString(die));
                }
                continue;
            }
            int[][] a = table.get(code);
            if (a == null) {
                throw new IllegalStateException("unknown abbreviation " + code + " at 0x" + Integer.toHexString(die));
            }
            boolean children = a[0][1] != 0;
            entry(die, a[0][0], children, a, depth);
            if (children) {
                depth++;
            }
        }
    }

    /** Skips every attribute of an entry not worth reading. */
    final void skipAttributes(int[][] attrs) {
        for (int i = 1; i < attrs.length; i++) {
            value(attrs[i][1], attrs[i][2]);
        }
    }

    /** The abbreviation table at {@code off}: code to {tag, children} followed by {attribute, form, implicit}. */
    private Map<Long, int[][]> abbrevs(int off) {
        Map<Long, int[][]> t = abbrevTables.get(off);
        if (t != null) {
            return t;
        }
        t = new HashMap<>();
        int p = off;
        long[] v = new long[1];
        while (p < abbrev.length) {
            p = uleb(abbrev, p, v, 0);
            long code = v[0];
            if (code == 0) {
                break;
            }
            p = uleb(abbrev, p, v, 0);
            int tag = (int) v[0];
            int children = abbrev[p++];
            List<int[]> attrs = new ArrayList<>();
            attrs.add(new int[] {tag, children, 0});
            while (true) {
                p = uleb(abbrev, p, v, 0);
                int at = (int) v[0];
                p = uleb(abbrev, p, v, 0);
                int form = (int) v[0];
                int implicit = 0;
                if (form == FORM_IMPLICIT_CONST) {   // carries its value here
                    p = sleb(abbrev, p, v);
                    implicit = (int) v[0];
                }
                if (at == 0 && form == 0) {
                    break;
                }
                attrs.add(new int[] {at, form, implicit});
            }
            t.put(code, attrs.toArray(new int[0][]));
        }
        abbrevTables.put(off, t);
        return t;
    }

    /** Reads (or skips) one attribute value; numbers, offsets and addresses come back, others as 0. */
    final long value(int form, int implicit) {
        switch (form) {
            case 0x01: return le(addressSize);                       // addr
            case 0x03: return skip(u16());                            // block2
            case 0x04: return skip(u32());                            // block4
            case 0x05: return u16();                                  // data2
            case 0x06: return u32();                                  // data4
            case 0x07: return u64();                                  // data8
            case 0x08: while (info[pos++] != 0) { } return 0;        // string
            case 0x09: case 0x18: return skip(uleb());                // block, exprloc
            case 0x0a: return skip(u8());                             // block1
            case 0x0b: case 0x0c: case 0x11: return u8();             // data1, flag, ref1
            case 0x0d: return slebInfo();                             // sdata
            case 0x0e: case 0x1f: case 0x17: case 0x10: return offset(); // strp, line_strp, sec_offset, ref_addr
            case 0x0f: case 0x15: case 0x1a: case 0x1b: case 0x22: case 0x23: return uleb(); // udata, ref_udata, strx, addrx, loclistx, rnglistx
            case 0x12: return u16();                                  // ref2
            case 0x13: return u32();                                  // ref4
            case 0x14: case 0x20: return u64();                       // ref8, ref_sig8
            case 0x16: return value((int) uleb(), implicit);          // indirect
            case 0x19: return 1;                                      // flag_present
            case 0x1c: return u32();                                  // ref_sup4
            case 0x1d: return offset();                               // strp_sup
            case 0x1e: pos += 16; return 0;                           // data16
            case 0x21: return implicit;                               // implicit_const
            case 0x24: return u64();                                  // ref_sup8
            case 0x25: case 0x29: return u8();                        // strx1, addrx1
            case 0x26: case 0x2a: return u16();                       // strx2, addrx2
            case 0x27: case 0x2b: { long x = le(3); return x; }       // strx3, addrx3
            case 0x28: case 0x2c: return u32();                       // strx4, addrx4
            default: throw new IllegalStateException("unknown form 0x" + Integer.toHexString(form)
                    + " at 0x" + Integer.toHexString(pos));
        }
    }

    /**
     * A constant attribute that may be a location expression: DWARF 2's
     * {@code DW_AT_data_member_location} is a block holding {@code DW_OP_plus_uconst n}; later
     * versions use a plain constant. Returns -1 for an expression that is not that simple.
     */
    final long constantOrPlusUconst(int form, int implicit) {
        int len;
        switch (form) {
            case 0x0a -> len = u8();
            case 0x03 -> len = u16();
            case 0x04 -> len = (int) u32();
            case 0x09, 0x18 -> len = (int) uleb();
            default -> {
                return value(form, implicit);
            }
        }
        int end = pos + len;
        long out = -1;
        if (len > 0 && (info[pos] & 0xff) == 0x23) {   // DW_OP_plus_uconst
            long[] v = new long[1];
            uleb(info, pos + 1, v, 0);
            out = v[0];
        }
        pos = end;
        return out;
    }

    /** Skips {@code n} bytes (read the length first: {@code pos += u8()} would lose the length byte). */
    final long skip(long n) {
        pos = Math.addExact(pos, (int) n);
        return 0;
    }

    /** A name attribute: inline or in a string section (indexed strings need .debug_str_offsets: none then). */
    final String string(int form) {
        if (form == FORM_STRING) {
            int s = pos;
            while (info[pos] != 0) {
                pos++;
            }
            return new String(info, s, pos++ - s, StandardCharsets.UTF_8);
        }
        long off = value(form, 0);
        byte[] sec = form == FORM_STRP ? str : form == FORM_LINE_STRP ? lineStr : null;
        if (sec == null || off < 0 || off >= sec.length) {
            return null;
        }
        int e = (int) off;
        while (e < sec.length && sec[e] != 0) {
            e++;
        }
        return new String(sec, (int) off, e - (int) off, StandardCharsets.UTF_8);
    }

    /** A reference attribute as a .debug_info offset. */
    final int reference(int form) {
        long v = value(form, 0);
        return form == FORM_REF_ADDR ? (int) v : unitStart + (int) v;   // ref_addr is section-relative
    }

    final long offset() {
        return offsetSize == 8 ? u64() : u32();
    }

    final int u8() {
        return info[pos++] & 0xff;
    }

    final int u16() {
        int v = (int) le(info, pos, 2);
        pos += 2;
        return v;
    }

    final long u32() {
        long v = le(info, pos, 4);
        pos += 4;
        return v;
    }

    final long u64() {
        long v = le(info, pos, 8);
        pos += 8;
        return v;
    }

    final long le(int n) {
        long v = le(info, pos, n);
        pos += n;
        return v;
    }

    final long uleb() {
        long[] v = new long[1];
        pos = uleb(info, pos, v, 0);
        return v[0];
    }

    final long slebInfo() {
        long[] v = new long[1];
        pos = sleb(info, pos, v);
        return v[0];
    }

    static long le(byte[] b, int at, int n) {
        if (at < 0 || at + n > b.length) {
            throw new IllegalStateException("truncated at 0x" + Integer.toHexString(at));
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }

    static int uleb(byte[] b, int p, long[] out, int slot) {
        long v = 0;
        int shift = 0;
        while (true) {
            int x = b[p++] & 0xff;
            if (shift < 64) {
                v |= (long) (x & 0x7f) << shift;
            }
            shift += 7;
            if ((x & 0x80) == 0) {
                break;
            }
        }
        out[slot] = v;
        return p;
    }

    static int sleb(byte[] b, int p, long[] out) {
        long v = 0;
        int shift = 0;
        int x;
        do {
            x = b[p++] & 0xff;
            if (shift < 64) {
                v |= (long) (x & 0x7f) << shift;
            }
            shift += 7;
        } while ((x & 0x80) != 0);
        if (shift < 64 && (x & 0x40) != 0) {
            v |= -1L << shift;
        }
        out[0] = v;
        return p;
    }
}
