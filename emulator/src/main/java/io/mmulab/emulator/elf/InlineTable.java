package io.mmulab.emulator.elf;

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
            byte[] info = DieWalker.section(image, ".debug_info");
            if (info == null) {
                return empty(null);
            }
            Reader r = new Reader(info, DieWalker.section(image, ".debug_abbrev"), DieWalker.section(image, ".debug_str"),
                    DieWalker.section(image, ".debug_line_str"), DieWalker.section(image, ".debug_ranges"),
                    DieWalker.section(image, ".debug_rnglists"), lines);
            r.walk();
            return new InlineTable(List.copyOf(r.ranges), r.functions(), null);
        } catch (ImageFormatException | RuntimeException e) {
            return empty(image.path() + ": .debug_info: " + e.getMessage());
        }
    }

    /** A walk over every unit's DIE tree, keeping function ranges and the names they refer to. */
    private static final class Reader extends DieWalker {
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
        /** enclosing[d]: the nearest function DIE around the entries at depth d. */
        int[] enclosing = new int[16];

        long unitBase;
        int stmtList;

        Reader(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr, byte[] debugRanges, byte[] rnglists,
               LineTable lines) {
            super(info, abbrev, str, lineStr);
            this.debugRanges = debugRanges;
            this.rnglists = rnglists;
            this.lines = lines;
        }

        @Override
        void unitStarted() {
            unitBase = 0;
            stmtList = -1;
            enclosing[0] = -1;
        }

        /** Keeps subprogram and inlined-subroutine ranges. */
        @Override
        void entry(int die, int tag, boolean children, int[][] a, int depth) {
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
                        hasLow = form == FORM_ADDR;   // (an indexed address would need .debug_addr)
                    }
                    case AT_HIGH_PC -> {
                        highIsLength = form != FORM_ADDR;   // DW_FORM_addr: an address; constants: a length
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
                if (depth + 1 == enclosing.length) {
                    enclosing = java.util.Arrays.copyOf(enclosing, enclosing.length * 2);
                }
                enclosing[depth + 1] = function ? die : enclosing[depth];
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
    }
}
