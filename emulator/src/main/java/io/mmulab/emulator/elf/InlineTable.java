package io.mmulab.emulator.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which functions were inlined where, from {@code .debug_info}: for an address, the chain of
 * frames a kernel developer would see in a stack trace, innermost first. The kernel inlines
 * most of what matters in a race ({@code folio_try_get}, {@code refcount_dec_and_test},
 * {@code spin_lock}), so the line table alone names a header line with no caller; this adds
 * "inlined into scenario_main at scenarios/x.c:40".
 *
 * <p>Reads DWARF 2 to 5 compilation units (the forms gcc and clang emit for executables without
 * split DWARF): {@code DW_TAG_subprogram} and {@code DW_TAG_inlined_subroutine} entries with their
 * address ranges ({@code low_pc}/{@code high_pc} or {@code DW_AT_ranges} through
 * {@code .debug_ranges} or {@code .debug_rnglists}), names through {@code abstract_origin} and
 * {@code specification}, call sites through {@code call_file}/{@code call_line} and the unit's
 * line table header. Never throws: an image it cannot read has an empty table and a warning.
 */
public final class InlineTable {

    /** One frame: the function and the source line it is at. */
    public record Frame(String function, String line) {
        @Override
        public String toString() {
            return line.isEmpty() ? function : function + " (" + line + ")";
        }
    }

    /** One address range of a function DIE, with the DIE's depth in the tree. */
    private record Range(long low, long high, int depth, int die) {
    }

    /**
     * A function DIE: the function it (or its abstract origin) names, the function DIE it is
     * nested in (-1 for an out-of-line function), and for an inlined one its call site.
     */
    private record Function(String name, int parent, String callFile, int callLine) {
    }

    private final List<Range> ranges;
    private final Map<Integer, Function> functions;
    private final String warning;

    private InlineTable(List<Range> ranges, Map<Integer, Function> functions, String warning) {
        this.ranges = ranges;
        this.functions = functions;
        this.warning = warning;
    }

    static InlineTable empty(String warning) {
        return new InlineTable(List.of(), Map.of(), warning);
    }

    /**
     * The frames at {@code pc}, innermost first: each inlined function with the line it is at (the
     * innermost from {@code lines}, the others at the call site of the frame inside them), then
     * the function they were all inlined into. Empty when no function covers {@code pc}.
     */
    public List<Frame> frames(long pc, LineTable lines) {
        // The deepest function DIE whose ranges hold pc; its ancestors in the tree are the
        // outer frames (even where gcc's ranges for them leave pc out, as addr2line does).
        Range deepest = null;
        for (Range r : ranges) {
            if (Long.compareUnsigned(pc, r.low) >= 0 && Long.compareUnsigned(pc, r.high) < 0
                    && (deepest == null || r.depth > deepest.depth)) {
                deepest = r;
            }
        }
        List<Frame> out = new ArrayList<>();
        String line = lines.describe(pc);
        int die = deepest == null ? -1 : deepest.die;
        for (int hops = 0; die >= 0 && hops < 64; hops++) {
            Function f = functions.get(die);
            if (f == null) {
                break;
            }
            out.add(new Frame(f.name, line));
            if (f.callFile == null) {
                break;   // an out-of-line function: the outermost frame
            }
            line = f.callLine > 0 ? f.callFile + ":" + f.callLine : f.callFile;
            die = f.parent;
        }
        return out;
    }

    /** {@code f (file:line) <- g (file:line)}, innermost first; empty when unknown. */
    public String describe(long pc, LineTable lines) {
        StringBuilder b = new StringBuilder();
        for (Frame f : frames(pc, lines)) {
            b.append(b.isEmpty() ? "" : " <- ").append(f);
        }
        return b.toString();
    }

    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    public int rangeCount() {
        return ranges.size();
    }

    // ------------------------------------------------------------------------------ reading

    private static final int TAG_SUBPROGRAM = 0x2e;
    private static final int TAG_INLINED = 0x1d;
    private static final int TAG_COMPILE_UNIT = 0x11;
    private static final int AT_NAME = 0x03;
    private static final int AT_STMT_LIST = 0x10;
    private static final int AT_LOW_PC = 0x11;
    private static final int AT_HIGH_PC = 0x12;
    private static final int AT_ABSTRACT_ORIGIN = 0x31;
    private static final int AT_SPECIFICATION = 0x47;
    private static final int AT_RANGES = 0x55;
    private static final int AT_CALL_FILE = 0x58;
    private static final int AT_CALL_LINE = 0x59;

    /** Reads the image's inline information; the files of call sites come from {@code lines}. */
    static InlineTable read(ElfImage image, LineTable lines) {
        try {
            byte[] info = section(image, ".debug_info");
            if (info == null) {
                return empty(null);
            }
            Reader r = new Reader(info, section(image, ".debug_abbrev"), section(image, ".debug_str"),
                    section(image, ".debug_line_str"), section(image, ".debug_ranges"),
                    section(image, ".debug_rnglists"), lines);
            r.units();
            return new InlineTable(List.copyOf(r.ranges), r.functions(), null);
        } catch (ImageFormatException | RuntimeException e) {
            return empty(image.path() + ": .debug_info: " + e.getMessage());
        }
    }

    private static byte[] section(ElfImage image, String name) throws ImageFormatException {
        Optional<ElfSection> s = image.section(name);
        if (s.isEmpty()) {
            return null;
        }
        if (s.get().compressed()) {
            throw new ImageFormatException(name + " is compressed");
        }
        return image.sectionBytes(s.get());
    }

    /** A walk over every unit's DIE tree, keeping function ranges and the names they refer to. */
    private static final class Reader {
        final byte[] info;
        final byte[] abbrev;
        final byte[] str;
        final byte[] lineStr;
        final byte[] debugRanges;
        final byte[] rnglists;
        final LineTable lines;
        final List<Range> ranges = new ArrayList<>();
        /** Per function DIE: {parent function DIE, call line}, and its call file. */
        final Map<Integer, int[]> nesting = new HashMap<>();
        final Map<Integer, String> callFiles = new HashMap<>();
        /** DIE offset to its own name, and to the DIE it takes its name from. */
        final Map<Integer, String> ownName = new HashMap<>();
        final Map<Integer, Integer> nameFrom = new HashMap<>();
        final Map<Integer, Map<Long, int[][]>> abbrevTables = new HashMap<>();

        int pos;
        int offsetSize;
        int addressSize;
        int version;
        int unitStart;
        long unitBase;
        int stmtList;

        Reader(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr, byte[] debugRanges, byte[] rnglists,
               LineTable lines) {
            this.info = info;
            this.abbrev = abbrev == null ? new byte[0] : abbrev;
            this.str = str;
            this.lineStr = lineStr;
            this.debugRanges = debugRanges;
            this.rnglists = rnglists;
            this.lines = lines;
        }

        void units() {
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
                    if (unitType != 1) {   // only DW_UT_compile units describe code
                        pos = end;
                        continue;
                    }
                } else if (version >= 2) {
                    abbrevOffset = offset();
                    addressSize = u8();
                } else {
                    throw new IllegalStateException("unsupported DWARF version " + version);
                }
                unitBase = 0;
                stmtList = -1;
                dies(abbrevs((int) abbrevOffset), end);
                pos = end;
            }
        }

        /** The DIEs of one unit, tracking depth; keeps subprogram and inlined-subroutine ranges. */
        void dies(Map<Long, int[][]> table, int end) {
            int depth = 0;
            // enclosing[d]: the nearest function DIE around the entries at depth d
            int[] enclosing = new int[16];
            enclosing[0] = -1;
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
                int tag = a[0][0];
                boolean children = a[0][1] != 0;
                long low = 0;
                long high = 0;
                boolean hasLow = false;
                boolean hasHigh = false;
                boolean highIsLength = false;
                long rangesAt = -1;
                long callFile = -1;
                long callLine = 0;
                for (int i = 1; i < a.length; i++) {
                    int at = a[i][0];
                    int form = a[i][1];
                    switch (at) {
                        case AT_NAME -> {
                            String n = string(form);
                            if (n != null) {
                                ownName.put(die, n);
                            }
                        }
                        case AT_ABSTRACT_ORIGIN, AT_SPECIFICATION -> nameFrom.put(die, reference(form));
                        case AT_LOW_PC -> {
                            low = value(form, a[i][2]);
                            hasLow = form == 0x01;   // (an indexed address would need .debug_addr)
                        }
                        case AT_HIGH_PC -> {
                            highIsLength = form != 0x01;   // DW_FORM_addr: an address; constants: a length
                            high = value(form, a[i][2]);
                            hasHigh = true;
                        }
                        case AT_RANGES -> rangesAt = value(form, a[i][2]);
                        case AT_CALL_FILE -> callFile = value(form, a[i][2]);
                        case AT_CALL_LINE -> callLine = value(form, a[i][2]);
                        case AT_STMT_LIST -> {
                            long v = value(form, a[i][2]);
                            if (tag == TAG_COMPILE_UNIT) {
                                stmtList = (int) v;
                            }
                        }
                        default -> value(form, a[i][2]);
                    }
                }
                if (tag == TAG_COMPILE_UNIT) {
                    unitBase = hasLow ? low : 0;
                }
                boolean function = tag == TAG_SUBPROGRAM || tag == TAG_INLINED;
                if (function) {
                    nesting.put(die, new int[] {enclosing[depth], (int) callLine});
                    if (tag == TAG_INLINED) {
                        callFiles.put(die, callFile < 0 ? "?" : lines.fileOfUnit(stmtList, callFile).orElse("?"));
                    }
                    if (hasLow && hasHigh) {
                        long hi = highIsLength ? low + high : high;
                        if (Long.compareUnsigned(hi, low) > 0) {
                            ranges.add(new Range(low, hi, depth, die));
                        }
                    } else if (rangesAt >= 0) {
                        for (long[] r : rangeList(rangesAt)) {
                            ranges.add(new Range(r[0], r[1], depth, die));
                        }
                    }
                }
                if (children) {
                    depth++;
                    if (depth == enclosing.length) {
                        enclosing = java.util.Arrays.copyOf(enclosing, depth * 2);
                    }
                    enclosing[depth] = function ? die : enclosing[depth - 1];
                }
            }
        }

        /** Every function DIE with its name (through abstract_origin / specification chains). */
        Map<Integer, Function> functions() {
            Map<Integer, Function> out = new HashMap<>();
            for (Map.Entry<Integer, int[]> e : nesting.entrySet()) {
                String name = "?";
                Integer d = e.getKey();
                for (int hops = 0; d != null && hops < 8; hops++) {
                    String n = ownName.get(d);
                    if (n != null) {
                        name = n;
                        break;
                    }
                    d = nameFrom.get(d);
                }
                out.put(e.getKey(), new Function(name, e.getValue()[0], callFiles.get(e.getKey()), e.getValue()[1]));
            }
            return out;
        }

        /** [low, high) pairs of a range list at {@code at} (.debug_ranges before DWARF 5, .debug_rnglists after). */
        List<long[]> rangeList(long at) {
            List<long[]> out = new ArrayList<>();
            if (version < 5) {
                if (debugRanges == null) {
                    return out;
                }
                long base = unitBase;
                for (int p = (int) at; p + 16 <= debugRanges.length; p += 16) {
                    long a = le(debugRanges, p, 8);
                    long b = le(debugRanges, p + 8, 8);
                    if (a == 0 && b == 0) {
                        break;
                    }
                    if (a == -1L) {
                        base = b;
                    } else if (Long.compareUnsigned(b, a) > 0) {
                        out.add(new long[] {base + a, base + b});
                    }
                }
                return out;
            }
            if (rnglists == null) {
                return out;
            }
            return rnglist(at);
        }

        private List<long[]> rnglist(long at) {
            List<long[]> out = new ArrayList<>();
            long base = unitBase;
            int p = (int) at;
            while (p < rnglists.length) {
                int kind = rnglists[p++] & 0xff;
                switch (kind) {
                    case 0 -> {
                        return out;   // DW_RLE_end_of_list
                    }
                    case 4 -> {       // offset_pair
                        long[] v = new long[2];
                        p = uleb(rnglists, p, v, 0);
                        p = uleb(rnglists, p, v, 1);
                        out.add(new long[] {base + v[0], base + v[1]});
                    }
                    case 5 -> {       // base_address
                        base = le(rnglists, p, addressSize);
                        p += addressSize;
                    }
                    case 6 -> {       // start_end
                        out.add(new long[] {le(rnglists, p, addressSize), le(rnglists, p + addressSize, addressSize)});
                        p += 2 * addressSize;
                    }
                    case 7 -> {       // start_length
                        long s = le(rnglists, p, addressSize);
                        p += addressSize;
                        long[] v = new long[1];
                        p = uleb(rnglists, p, v, 0);
                        out.add(new long[] {s, s + v[0]});
                    }
                    default -> {      // the indexed forms need .debug_addr, which executables rarely use
                        return out;
                    }
                }
            }
            return out;
        }

        /** The abbreviation table at {@code off}: code to {tag, children} followed by {attribute, form, implicit}. */
        Map<Long, int[][]> abbrevs(int off) {
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
                    if (form == 0x21) {   // DW_FORM_implicit_const carries its value here
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
        long value(int form, int implicit) {
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

        /** Skips {@code n} bytes (read the length first: {@code pos += u8()} would lose the length byte). */
        long skip(long n) {
            pos = Math.addExact(pos, (int) n);
            return 0;
        }

        /** A name attribute: inline or in a string section (indexed strings need .debug_str_offsets: none then). */
        String string(int form) {
            if (form == 0x08) {
                int s = pos;
                while (info[pos] != 0) {
                    pos++;
                }
                return new String(info, s, pos++ - s, StandardCharsets.UTF_8);
            }
            long off = value(form, 0);
            byte[] sec = form == 0x0e ? str : form == 0x1f ? lineStr : null;
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
        int reference(int form) {
            long v = value(form, 0);
            return form == 0x10 ? (int) v : unitStart + (int) v;   // ref_addr is section-relative
        }

        long offset() {
            return offsetSize == 8 ? u64() : u32();
        }

        int u8() {
            return info[pos++] & 0xff;
        }

        int u16() {
            int v = (int) le(info, pos, 2);
            pos += 2;
            return v;
        }

        long u32() {
            long v = le(info, pos, 4);
            pos += 4;
            return v;
        }

        long u64() {
            long v = le(info, pos, 8);
            pos += 8;
            return v;
        }

        long le(int n) {
            long v = le(info, pos, n);
            pos += n;
            return v;
        }

        long uleb() {
            long[] v = new long[1];
            pos = uleb(info, pos, v, 0);
            return v[0];
        }

        long slebInfo() {
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
}
