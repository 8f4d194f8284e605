package io.mmulab.emulator.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Address to source line lookup from an image's DWARF {@code .debug_line} section, so that
 * failure reports and race diagrams can name the guest source line of every PC.
 *
 * <p>Reads line-number programs of DWARF versions 2 to 5, 32- and 64-bit DWARF, any number of
 * units. Version 5 directory and file tables may use {@code DW_FORM_string}, {@code line_strp}
 * (into {@code .debug_line_str}), {@code strp} (into {@code .debug_str}), {@code udata},
 * {@code data1/2/4/8/16} and {@code block}; string forms that need {@code .debug_info}
 * ({@code strx*}, supplementary files) are reported as unsupported.
 *
 * <p>Every sequence of the programs becomes a sorted run of rows; row {@code i} covers the
 * addresses {@code [row[i].address, row[i+1].address)} and the sequence's
 * {@code DW_LNE_end_sequence} address closes the last range. Rows at the same address leave only
 * the last one reachable (the earlier ones cover nothing), which is also what addr2line reports.
 * Lookups are binary searches.
 *
 * <p>File names are given as compiled (see {@link SourceLine#file()}): the directory index 0,
 * which is the compilation directory (unnamed in versions 2 to 4, named in version 5), is not
 * joined, so the same compile gives the same names in DWARF 4 and 5.
 *
 * <p>Errors. {@link #parse} and {@link #read(ElfImage)} are strict and throw an
 * {@link ImageFormatException} with a one-line message naming the file, the unit offset and the
 * problem (truncation, unsupported version or form, compressed section). Indices that merely
 * point nowhere (a file index beyond the file table gives the file {@code ??}, a directory index
 * beyond the directory table gives the bare file name) are tolerated. The lenient
 * {@link ElfImage#sourceLines()} keeps the units read before the first problem and reports the
 * problem through {@link #warning()}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class LineTable {
    private static final LineTable EMPTY = new LineTable(new String[0], new long[0], new int[0], new int[0],
            new long[0], new long[0], new int[0], new int[0], 0, null);

    private final String[] files;
    private final long[] rowAddress;
    private final int[] rowLine;
    private final int[] rowFile;
    // sequences, sorted by low address (unsigned)
    private final long[] seqLow;
    private final long[] seqHigh;
    private final int[] seqFirstRow;
    private final int[] seqEndRow;
    /** Unsigned maximum of seqHigh[0..i], bounding the backward scan for overlapping sequences. */
    private final long[] seqMaxHigh;
    private final int units;
    private final String warning;
    /** Each unit's file table by the unit's .debug_line offset (set once, when built). */
    private Map<Integer, String[]> unitFiles = Map.of();

    private LineTable(String[] files, long[] rowAddress, int[] rowLine, int[] rowFile, long[] seqLow,
                      long[] seqHigh, int[] seqFirstRow, int[] seqEndRow, int units, String warning) {
        this.files = files;
        this.rowAddress = rowAddress;
        this.rowLine = rowLine;
        this.rowFile = rowFile;
        this.seqLow = seqLow;
        this.seqHigh = seqHigh;
        this.seqFirstRow = seqFirstRow;
        this.seqEndRow = seqEndRow;
        this.units = units;
        this.warning = warning;
        this.seqMaxHigh = new long[seqHigh.length];
        long max = 0;
        for (int i = 0; i < seqHigh.length; i++) {
            if (Long.compareUnsigned(seqHigh[i], max) > 0) {
                max = seqHigh[i];
            }
            seqMaxHigh[i] = max;
        }
    }

    /**
     * File {@code index} of the line-number unit at {@code unitOffset} in {@code .debug_line} (a
     * compilation unit's DW_AT_stmt_list): how DW_AT_call_file and DW_AT_decl_file name files.
     */
    public Optional<String> fileOfUnit(int unitOffset, long index) {
        String[] f = unitFiles.get(unitOffset);
        if (f == null || index < 0 || index >= f.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(f[(int) index]);
    }

    /** A table with no rows and no warning. */
    public static LineTable empty() {
        return EMPTY;
    }

    /**
     * Strictly parses the line table of {@code image}: an image without {@code .debug_line} gives
     * the empty table, anything that cannot be read throws.
     */
    public static LineTable read(ElfImage image) throws ImageFormatException {
        Builder b = new Builder(image.path().toString());
        b.parse(b.sectionsOf(image));
        return b.build(null);
    }

    /** As {@link #read}, but a problem ends the parse with a {@link #warning()} instead. */
    static LineTable readLenient(ElfImage image) {
        Builder b = new Builder(image.path().toString());
        try {
            b.parse(b.sectionsOf(image));
            return b.build(null);
        } catch (ImageFormatException e) {
            return b.build(e.getMessage());
        }
    }

    /**
     * Strictly parses the contents of a {@code .debug_line} section.
     *
     * @param origin    names the image in error messages (they read {@code origin: .debug_line ...})
     * @param debugLine the {@code .debug_line} contents
     * @param lineStr   the {@code .debug_line_str} contents, or null when the image has none
     * @param str       the {@code .debug_str} contents, or null when the image has none
     */
    public static LineTable parse(String origin, ByteBuffer debugLine, ByteBuffer lineStr, ByteBuffer str)
            throws ImageFormatException {
        Builder b = new Builder(origin);
        b.lineStr = new StrSection(".debug_line_str", bytes(lineStr), null);
        b.str = new StrSection(".debug_str", bytes(str), null);
        b.parse(bytes(debugLine));
        return b.build(null);
    }

    /** The source line of the instruction at {@code address}, if the line table covers it. */
    public Optional<SourceLine> lookup(long address) {
        int row = rowAt(address);
        return row < 0 ? Optional.empty() : Optional.of(new SourceLine(files[rowFile[row]], rowLine[row]));
    }

    /**
     * Where the code of source line {@code line} of {@code file} begins: the address of every row
     * for that line that the row before it (in its sequence) did not already give to the same
     * line, in address order. {@code file} is a path as the table names it or any tail of one
     * after a '/' (e.g. {@code gup.c} or {@code mm/gup.c}).
     */
    public long[] addressesOf(String file, int line) {
        long[] out = new long[8];
        int n = 0;
        for (int s = 0; s < seqLow.length; s++) {
            for (int r = seqFirstRow[s]; r < seqEndRow[s]; r++) {
                if (rowLine[r] != line || !sameFile(files[rowFile[r]], file)) {
                    continue;
                }
                boolean continues = r > seqFirstRow[s] && rowLine[r - 1] == line && rowFile[r - 1] == rowFile[r];
                if (!continues && Long.compareUnsigned(rowAddress[r], seqHigh[s]) < 0) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rowAddress[r];
                }
            }
        }
        long[] sorted = java.util.Arrays.copyOf(out, n);
        java.util.Arrays.sort(sorted);
        return java.util.Arrays.stream(sorted).distinct().toArray();
    }

    private static boolean sameFile(String path, String name) {
        return path.equals(name) || path.endsWith("/" + name);
    }

    /** {@code file:line} for reports (e.g. {@code kernel/smp.c:42}), or {@code ""} when unknown. */
    public String describe(long address) {
        int row = rowAt(address);
        return row < 0 ? "" : files[rowFile[row]] + ":" + rowLine[row];
    }

    private int rowAt(long address) {
        // the last sequence starting at or below the address
        int lo = 0;
        int hi = seqLow.length - 1;
        int s = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(seqLow[mid], address) <= 0) {
                s = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // normally that one holds it; walk back only while an earlier sequence can still reach it
        for (; s >= 0 && Long.compareUnsigned(seqMaxHigh[s], address) > 0; s--) {
            if (Long.compareUnsigned(seqHigh[s], address) > 0) {
                return rowIn(s, address);
            }
        }
        return -1;
    }

    private int rowIn(int seq, long address) {
        int lo = seqFirstRow[seq];
        int hi = seqEndRow[seq] - 1;
        int best = lo; // the first row is at seqLow <= address
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(rowAddress[mid], address) <= 0) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /** Why the table is incomplete (the lenient {@link ElfImage#sourceLines()} only), one line. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    public boolean isEmpty() {
        return rowAddress.length == 0;
    }

    /** Line-number program units read. */
    public int unitCount() {
        return units;
    }

    /** Address ranges (sequences) with at least one byte. */
    public int sequenceCount() {
        return seqLow.length;
    }

    public int rowCount() {
        return rowAddress.length;
    }

    @Override
    public String toString() {
        return "LineTable[" + units + " units, " + seqLow.length + " sequences, " + rowAddress.length + " rows"
                + (warning == null ? "" : ", warning: " + warning) + "]";
    }

    // ---------------------------------------------------------------------------------------
    // reading

    private record StrSection(String name, byte[] data, String unusable) {
    }

    /**
     * The remaining bytes of {@code b} (null for null). Parsing runs over a plain array: the
     * first parse of an image runs in the interpreter, where ByteBuffer accessors cost several times more.
     */
    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] a = new byte[b.remaining()];
        b.get(b.position(), a);
        return a;
    }

    /** A string section; problems with it only matter if the line table refers to it. */
    private static StrSection strSection(ElfImage image, String name) {
        Optional<ElfSection> s = image.section(name);
        if (s.isEmpty()) {
            return new StrSection(name, null, null);
        }
        if (s.get().compressed()) {
            return new StrSection(name, null, compressedMessage(image, s.get()));
        }
        try {
            return new StrSection(name, image.sectionBytes(s.get()), null);
        } catch (ImageFormatException e) {
            return new StrSection(name, null, name + " lies outside the file");
        }
    }

    private static String compressedMessage(ElfImage image, ElfSection s) {
        String how = "";
        if ((s.flags() & ElfSection.SHF_COMPRESSED) != 0) {
            how = " (SHF_COMPRESSED";
            try {
                ByteBuffer d = image.sectionData(s);
                if (d.remaining() >= 4) {
                    int type = d.getInt(0);
                    how += switch (type) {
                        case 1 -> ", zlib";
                        case 2 -> ", zstd";
                        default -> ", ch_type " + Integer.toUnsignedString(type);
                    };
                }
            } catch (ImageFormatException e) {
                // the name and flag are enough
            }
            how += ")";
        }
        return s.name() + " is compressed" + how + "; compressed debug sections are not supported:"
                + " link without --compress-debug-sections (or gcc -gz)";
    }

    // DWARF constants (DWARF 5, section 7)
    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5;
    private static final int DW_LNS_NEGATE_STMT = 6;
    private static final int DW_LNS_SET_BASIC_BLOCK = 7;
    private static final int DW_LNS_CONST_ADD_PC = 8;
    private static final int DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNS_SET_PROLOGUE_END = 10;
    private static final int DW_LNS_SET_EPILOGUE_BEGIN = 11;
    private static final int DW_LNS_SET_ISA = 12;
    private static final int DW_LNE_END_SEQUENCE = 1;
    private static final int DW_LNE_SET_ADDRESS = 2;
    private static final int DW_LNE_DEFINE_FILE = 3;
    private static final int DW_LNE_SET_DISCRIMINATOR = 4;
    private static final int DW_LNCT_PATH = 1;
    private static final int DW_LNCT_DIRECTORY_INDEX = 2;
    private static final int DW_FORM_BLOCK2 = 0x03;
    private static final int DW_FORM_BLOCK4 = 0x04;
    private static final int DW_FORM_DATA2 = 0x05;
    private static final int DW_FORM_DATA4 = 0x06;
    private static final int DW_FORM_DATA8 = 0x07;
    private static final int DW_FORM_STRING = 0x08;
    private static final int DW_FORM_BLOCK = 0x09;
    private static final int DW_FORM_BLOCK1 = 0x0a;
    private static final int DW_FORM_DATA1 = 0x0b;
    private static final int DW_FORM_FLAG = 0x0c;
    private static final int DW_FORM_SDATA = 0x0d;
    private static final int DW_FORM_STRP = 0x0e;
    private static final int DW_FORM_UDATA = 0x0f;
    private static final int DW_FORM_FLAG_PRESENT = 0x19;
    private static final int DW_FORM_DATA16 = 0x1e;
    private static final int DW_FORM_LINE_STRP = 0x1f;

    private static final String UNKNOWN_FILE = "??";

    /** Bounds-checked little-endian reads over one unit; failures name the unit and what was being read. */
    private static final class Cursor {
        final byte[] b;
        final String origin;
        final long unit;
        int pos;
        int limit;
        String what = "unit header";

        Cursor(byte[] b, String origin, long unit, int pos, int limit) {
            this.b = b;
            this.origin = origin;
            this.unit = unit;
            this.pos = pos;
            this.limit = limit;
        }

        ImageFormatException error(String message) {
            return new ImageFormatException(origin + ": .debug_line unit at 0x" + Long.toHexString(unit) + ": "
                    + message);
        }

        void need(int n) throws ImageFormatException {
            if (n > limit - pos) {
                throw error("truncated " + what + ": " + n + " byte" + (n == 1 ? "" : "s") + " needed at offset 0x"
                        + Integer.toHexString(pos) + " but it ends at 0x" + Integer.toHexString(limit));
            }
        }

        int u8() throws ImageFormatException {
            need(1);
            return b[pos++] & 0xff;
        }

        int u16() throws ImageFormatException {
            need(2);
            int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
            pos += 2;
            return v;
        }

        long u32() throws ImageFormatException {
            need(4);
            pos += 4;
            return le32(b, pos - 4);
        }

        long u64() throws ImageFormatException {
            need(8);
            pos += 8;
            return le32(b, pos - 8) | le32(b, pos - 4) << 32;
        }

        /** An unsigned little-endian value of 1 to 8 bytes. */
        long unsigned(int n) throws ImageFormatException {
            need(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v |= (b[pos + i] & 0xffL) << (8 * i);
            }
            pos += n;
            return v;
        }

        long uleb() throws ImageFormatException {
            long v = 0;
            int shift = 0;
            while (true) {
                int x = u8();
                if (shift < 64) {
                    v |= (long) (x & 0x7f) << shift;
                }
                shift += 7;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
        }

        long sleb() throws ImageFormatException {
            long v = 0;
            int shift = 0;
            int x;
            do {
                x = u8();
                if (shift < 64) {
                    v |= (long) (x & 0x7f) << shift;
                }
                shift += 7;
            } while ((x & 0x80) != 0);
            if (shift < 64 && (x & 0x40) != 0) {
                v |= -1L << shift;
            }
            return v;
        }

        String cString() throws ImageFormatException {
            int e = pos;
            while (e < limit && b[e] != 0) {
                e++;
            }
            if (e >= limit) {
                throw error("truncated " + what + ": string at offset 0x" + Integer.toHexString(pos)
                        + " has no terminating NUL before 0x" + Integer.toHexString(limit));
            }
            String s = utf8(b, pos, e);
            pos = e + 1;
            return s;
        }

        void skip(long n) throws ImageFormatException {
            if (n < 0 || n > limit - pos) {
                need(n < 0 || n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n);
            }
            pos += (int) n;
        }
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static String utf8(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Parses units into sequences, then sorts them into a table. */
    private static final class Builder {
        final String origin;
        final Map<String, Integer> fileIds = new HashMap<>();
        final List<String> fileNames = new ArrayList<>();
        final List<Seq> seqs = new ArrayList<>();
        /** Per unit (by its .debug_line offset), its file table: for DW_AT_call_file in .debug_info. */
        final Map<Integer, String[]> unitFiles = new HashMap<>();
        int unitsDone;
        int seqsDone; // sequences of completed units

        // the sequence being built
        long[] addr = new long[256];
        int[] line = new int[256];
        int[] file = new int[256];
        int n;

        Builder(String origin) {
            this.origin = origin;
        }

        /** One sequence: rows sorted by address, {@code high} from its DW_LNE_end_sequence. */
        record Seq(long low, long high, long[] addr, int[] line, int[] file) implements Comparable<Seq> {
            @Override
            public int compareTo(Seq o) {
                int c = Long.compareUnsigned(low, o.low);
                return c != 0 ? c : Long.compareUnsigned(high, o.high);
            }
        }

        // the string sections v5 tables refer to
        StrSection lineStr = new StrSection(".debug_line_str", null, null);
        StrSection str = new StrSection(".debug_str", null, null);

        /** Sets up the string sections; returns the .debug_line contents, null when there are none. */
        byte[] sectionsOf(ElfImage image) throws ImageFormatException {
            Optional<ElfSection> line = image.section(".debug_line");
            if (line.isEmpty()) {
                Optional<ElfSection> z = image.section(".zdebug_line");
                if (z.isPresent()) {
                    throw new ImageFormatException(origin + ": " + compressedMessage(image, z.get()));
                }
                return null;
            }
            if (line.get().compressed()) {
                throw new ImageFormatException(origin + ": " + compressedMessage(image, line.get()));
            }
            lineStr = strSection(image, ".debug_line_str");
            str = strSection(image, ".debug_str");
            return image.sectionBytes(line.get());
        }

        void parse(byte[] b) throws ImageFormatException {
            if (b == null) {
                return;
            }
            int size = b.length;
            int off = 0;
            while (off < size) {
                if (size - off < 4) {
                    if (allZero(b, off, size)) {
                        return; // alignment padding
                    }
                    throw new ImageFormatException(origin + ": .debug_line: " + (size - off)
                            + " stray bytes at offset 0x" + Integer.toHexString(off) + " after the last unit");
                }
                off = unit(b, off);
                unitsDone++;
                seqsDone = seqs.size();
            }
        }

        private static boolean allZero(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        /** Reads the unit at {@code start}; returns the offset after it. */
        private int unit(byte[] b, int start) throws ImageFormatException {
            Cursor c = new Cursor(b, origin, start, start, b.length);
            c.what = "unit_length";
            long length = c.u32();
            int offsetSize = 4;
            if (length == 0xffffffffL) {
                offsetSize = 8;
                length = c.u64();
            } else if (length >= 0xfffffff0L) {
                throw c.error("reserved unit_length 0x" + Long.toHexString(length));
            }
            if (length == 0) {
                return c.pos; // an empty unit: padding some linkers leave
            }
            if (Long.compareUnsigned(length, c.limit - c.pos) > 0) {
                throw c.error("truncated: unit_length 0x" + Long.toHexString(length) + " runs past the end of"
                        + " .debug_line (0x" + Integer.toHexString(c.limit) + " bytes)");
            }
            int end = c.pos + (int) length;
            c.limit = end;
            c.what = "unit header";
            int version = c.u16();
            if (version < 2 || version > 5) {
                throw c.error("unsupported line table version " + version + " (versions 2 to 5 are supported)");
            }
            int addressSize = 8;
            if (version >= 5) {
                addressSize = c.u8();
                int segSelSize = c.u8();
                if (addressSize < 1 || addressSize > 8) {
                    throw c.error("bad address_size " + addressSize);
                }
                if (segSelSize != 0) {
                    throw c.error("segment selectors (segment_selector_size " + segSelSize + ") are not supported");
                }
            }
            long headerLength = offsetSize == 8 ? c.u64() : c.u32();
            if (Long.compareUnsigned(headerLength, end - c.pos) > 0) {
                throw c.error("truncated: header_length 0x" + Long.toHexString(headerLength)
                        + " runs past the end of the unit at 0x" + Integer.toHexString(end));
            }
            int programStart = c.pos + (int) headerLength;
            c.limit = programStart;
            int minInst = c.u8();
            int maxOps = version >= 4 ? c.u8() : 1;
            c.u8(); // default_is_stmt: every row counts for lookups
            int lineBase = (byte) c.u8();
            int lineRange = c.u8();
            int opcodeBase = c.u8();
            if (maxOps == 0) {
                throw c.error("maximum_operations_per_instruction is 0");
            }
            if (lineRange == 0) {
                throw c.error("line_range is 0");
            }
            if (opcodeBase == 0) {
                throw c.error("opcode_base is 0");
            }
            int[] opLengths = new int[opcodeBase];
            c.what = "standard_opcode_lengths";
            for (int i = 1; i < opcodeBase; i++) {
                opLengths[i] = c.u8();
            }

            List<String> dirs = new ArrayList<>();
            List<String> fileNames = new ArrayList<>();
            List<Long> fileDirs = new ArrayList<>();
            if (version >= 5) {
                c.what = "directory table";
                entries(c, offsetSize, dirs, null, "directory");
                c.what = "file name table";
                entries(c, offsetSize, fileNames, fileDirs, "file name");
            } else {
                dirs.add(""); // 0: the compilation directory, which only .debug_info names
                fileNames.add(null); // file indices count from 1
                fileDirs.add(0L);
                c.what = "include_directories";
                for (String d = c.cString(); !d.isEmpty(); d = c.cString()) {
                    dirs.add(d);
                }
                c.what = "file_names";
                for (String f = c.cString(); !f.isEmpty(); f = c.cString()) {
                    fileDirs.add(c.uleb());
                    c.uleb(); // modification time
                    c.uleb(); // length
                    fileNames.add(f);
                }
            }
            // (anything between the tables and header_length is vendor data we skip)
            c.pos = programStart;
            c.limit = end;
            Files files = new Files(dirs, fileNames, fileDirs);
            program(c, version, addressSize, minInst, maxOps, lineBase, lineRange, opcodeBase, opLengths, files);
            unitFiles.put(start, files.paths());
            return end;
        }

        /** A DWARF 5 directory or file name table: its entry format, then its entries. */
        private void entries(Cursor c, int offsetSize, List<String> paths, List<Long> dirIndices,
                             String kind) throws ImageFormatException {
            int formats = c.u8();
            int[] types = new int[formats];
            int[] forms = new int[formats];
            int minSize = 0;
            for (int i = 0; i < formats; i++) {
                types[i] = (int) Math.min(c.uleb(), Integer.MAX_VALUE);
                forms[i] = (int) Math.min(c.uleb(), Integer.MAX_VALUE);
                minSize += minFormSize(c, forms[i], offsetSize);
            }
            long count = c.uleb();
            if (count == 0) {
                return;
            }
            if (minSize == 0) {
                throw c.error(kind + " entry format describes no data");
            }
            if (Long.compareUnsigned(count, (c.limit - c.pos) / minSize) > 0) {
                throw c.error("truncated " + c.what + ": " + Long.toUnsignedString(count) + " entries cannot fit"
                        + " before 0x" + Integer.toHexString(c.limit));
            }
            for (long e = 0; e < count; e++) {
                String path = null;
                long dir = 0;
                for (int i = 0; i < formats; i++) {
                    switch (types[i]) {
                        case DW_LNCT_PATH -> path = formString(c, forms[i], offsetSize);
                        case DW_LNCT_DIRECTORY_INDEX -> dir = formConstant(c, forms[i], offsetSize);
                        default -> skipForm(c, forms[i], offsetSize); // timestamp, size, MD5, vendor
                    }
                }
                paths.add(path == null ? "" : path);
                if (dirIndices != null) {
                    dirIndices.add(dir);
                }
            }
        }

        private static int minFormSize(Cursor c, int form, int offsetSize) throws ImageFormatException {
            return switch (form) {
                case DW_FORM_STRING, DW_FORM_UDATA, DW_FORM_SDATA, DW_FORM_DATA1, DW_FORM_FLAG, DW_FORM_BLOCK,
                     DW_FORM_BLOCK1 -> 1;
                case DW_FORM_DATA2, DW_FORM_BLOCK2 -> 2;
                case DW_FORM_DATA4, DW_FORM_BLOCK4 -> 4;
                case DW_FORM_DATA8 -> 8;
                case DW_FORM_DATA16 -> 16;
                case DW_FORM_STRP, DW_FORM_LINE_STRP -> offsetSize;
                case DW_FORM_FLAG_PRESENT -> 0;
                default -> throw unsupportedForm(c, form);
            };
        }

        private static ImageFormatException unsupportedForm(Cursor c, int form) {
            return c.error("unsupported form 0x" + Integer.toHexString(form) + " in the " + c.what
                    + " entry format");
        }

        private String formString(Cursor c, int form, int offsetSize) throws ImageFormatException {
            return switch (form) {
                case DW_FORM_STRING -> c.cString();
                case DW_FORM_LINE_STRP -> stringAt(c, lineStr, c.unsigned(offsetSize));
                case DW_FORM_STRP -> stringAt(c, str, c.unsigned(offsetSize));
                default -> throw c.error("DW_LNCT_path with non-string form 0x" + Integer.toHexString(form)
                        + " in the " + c.what);
            };
        }

        private static String stringAt(Cursor c, StrSection sec, long off) throws ImageFormatException {
            if (sec.unusable() != null) {
                throw c.error("the " + c.what + " refers to " + sec.name() + ", which cannot be read: "
                        + sec.unusable());
            }
            if (sec.data() == null) {
                throw c.error("the " + c.what + " refers to " + sec.name() + ", which the image does not have");
            }
            byte[] d = sec.data();
            int size = d.length;
            if (Long.compareUnsigned(off, size) >= 0) {
                throw c.error("string offset 0x" + Long.toHexString(off) + " is outside " + sec.name() + " (0x"
                        + Integer.toHexString(size) + " bytes)");
            }
            int e = (int) off;
            while (e < size && d[e] != 0) {
                e++;
            }
            if (e >= size) {
                throw c.error("string at 0x" + Long.toHexString(off) + " in " + sec.name() + " has no terminating NUL");
            }
            return utf8(d, (int) off, e);
        }

        private static long formConstant(Cursor c, int form, int offsetSize) throws ImageFormatException {
            return switch (form) {
                case DW_FORM_DATA1 -> c.u8();
                case DW_FORM_DATA2 -> c.u16();
                case DW_FORM_DATA4 -> c.u32();
                case DW_FORM_DATA8 -> c.u64();
                case DW_FORM_UDATA -> c.uleb();
                default -> throw c.error("DW_LNCT_directory_index with non-constant form 0x"
                        + Integer.toHexString(form) + " in the " + c.what);
            };
        }

        private static void skipForm(Cursor c, int form, int offsetSize) throws ImageFormatException {
            switch (form) {
                case DW_FORM_STRING -> c.cString();
                case DW_FORM_UDATA -> c.uleb();
                case DW_FORM_SDATA -> c.sleb();
                case DW_FORM_DATA1, DW_FORM_FLAG -> c.skip(1);
                case DW_FORM_DATA2 -> c.skip(2);
                case DW_FORM_DATA4 -> c.skip(4);
                case DW_FORM_DATA8 -> c.skip(8);
                case DW_FORM_DATA16 -> c.skip(16);
                case DW_FORM_STRP, DW_FORM_LINE_STRP -> c.skip(offsetSize);
                case DW_FORM_BLOCK -> c.skip(c.uleb());
                case DW_FORM_BLOCK1 -> c.skip(c.u8());
                case DW_FORM_BLOCK2 -> c.skip(c.u16());
                case DW_FORM_BLOCK4 -> c.skip(c.u32());
                case DW_FORM_FLAG_PRESENT -> { }
                default -> throw unsupportedForm(c, form);
            }
        }

        /** One unit's file table, resolved to global file ids on first use. */
        private final class Files {
            final List<String> dirs;
            final List<String> names;
            final List<Long> dirOf;
            int[] ids = new int[0];

            Files(List<String> dirs, List<String> names, List<Long> dirOf) {
                this.dirs = dirs;
                this.names = names;
                this.dirOf = dirOf;
            }

            void define(String name, long dir) {
                names.add(name);
                dirOf.add(dir);
            }

            /** Every file of the unit by its index, as the rows name it (null where the index names none). */
            String[] paths() {
                String[] out = new String[names.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = names.get(i) == null ? null : join(dirOf.get(i), names.get(i));
                }
                return out;
            }

            int id(long index) {
                if (index < 0 || index >= names.size() || names.get((int) index) == null) {
                    return intern(UNKNOWN_FILE);
                }
                int i = (int) index;
                if (i >= ids.length) {
                    int[] grown = Arrays.copyOf(ids, Math.max(names.size(), i + 1));
                    Arrays.fill(grown, ids.length, grown.length, -1);
                    ids = grown;
                }
                if (ids[i] < 0) {
                    ids[i] = intern(join(dirOf.get(i), names.get(i)));
                }
                return ids[i];
            }

            private String join(long dir, String name) {
                if (isAbsolute(name) || dir <= 0 || dir >= dirs.size()) {
                    return name; // 0 is the compilation directory: keep the name as compiled
                }
                String d = dirs.get((int) dir);
                if (d.isEmpty()) {
                    return name;
                }
                // (String.concat, not +: no invokedynamic bootstrap on the first, cold, parse)
                return d.endsWith("/") ? d.concat(name) : d.concat("/").concat(name);
            }
        }

        private static boolean isAbsolute(String p) {
            return p.startsWith("/") || p.startsWith("\\")
                    || (p.length() >= 3 && p.charAt(1) == ':' && (p.charAt(2) == '\\' || p.charAt(2) == '/'));
        }

        private int intern(String name) {
            Integer id = fileIds.get(name);
            if (id == null) {
                id = fileNames.size();
                fileNames.add(name);
                fileIds.put(name, id);
            }
            return id;
        }

        /** Runs one line-number program (DWARF 5 section 6.2.5). */
        private void program(Cursor c, int version, int addressSize, int minInst, int maxOps, int lineBase,
                             int lineRange, int opcodeBase, int[] opLengths, Files files)
                throws ImageFormatException {
            long address = 0;
            long opIndex = 0;
            long fileIndex = 1;
            long line = 1;
            n = 0;
            int lastFileIndexId = -1;
            long lastFileIndex = -1;
            // The common opcodes are decoded on locals: the first parse runs in the interpreter.
            final byte[] b = c.b;
            final int limit = c.limit;
            int pos = c.pos;
            c.what = "line program";
            while (pos < limit) {
                int op = b[pos++] & 0xff;
                if (op >= opcodeBase) {
                    int adjusted = op - opcodeBase;
                    long advance = adjusted / lineRange;
                    if (maxOps == 1) {
                        address += minInst * advance;
                    } else {
                        address += minInst * ((opIndex + advance) / maxOps);
                        opIndex = (opIndex + advance) % maxOps;
                    }
                    line += lineBase + adjusted % lineRange;
                    if (fileIndex != lastFileIndex) {
                        lastFileIndex = fileIndex;
                        lastFileIndexId = files.id(fileIndex);
                    }
                    row(address, line, lastFileIndexId);
                    continue;
                }
                if (op == DW_LNS_SET_COLUMN && pos < limit && b[pos] >= 0) {
                    pos++; // one-byte ULEB128 operand
                    continue;
                }
                if (op == DW_LNS_ADVANCE_LINE && pos < limit && b[pos] >= 0) {
                    line += (b[pos++] << 25) >> 25; // one-byte SLEB128 operand
                    continue;
                }
                c.pos = pos;
                switch (op) {
                    case 0 -> {
                        c.what = "extended opcode";
                        long len = c.uleb();
                        if (Long.compareUnsigned(len, c.limit - c.pos) > 0) {
                            c.need((int) Math.min(len, Integer.MAX_VALUE));
                        }
                        int next = c.pos + (int) len;
                        int sub = len == 0 ? -1 : c.u8(); // (an empty one is skipped as unknown)
                        switch (sub) {
                            case DW_LNE_END_SEQUENCE -> {
                                endSequence(address);
                                address = 0;
                                opIndex = 0;
                                fileIndex = 1;
                                line = 1;
                            }
                            case DW_LNE_SET_ADDRESS -> {
                                int size = (int) len - 1;
                                if (size < 1 || size > 8) {
                                    throw c.error("DW_LNE_set_address at 0x" + Integer.toHexString(c.pos - 1)
                                            + " has a " + size + "-byte operand (address_size " + addressSize + ")");
                                }
                                c.what = "DW_LNE_set_address operand";
                                address = c.unsigned(size);
                                opIndex = 0;
                            }
                            case DW_LNE_DEFINE_FILE -> {
                                if (version < 5) { // reserved since DWARF 5
                                    int unitLimit = c.limit;
                                    c.limit = next;
                                    c.what = "DW_LNE_define_file";
                                    String name = c.cString();
                                    long dir = c.uleb();
                                    c.uleb(); // modification time
                                    c.uleb(); // length
                                    c.limit = unitLimit;
                                    files.define(name, dir);
                                    lastFileIndex = -1;
                                }
                            }
                            case DW_LNE_SET_DISCRIMINATOR -> { } // does not change the line
                            default -> { } // vendor extensions: skipped by length
                        }
                        c.pos = next;
                    }
                    case DW_LNS_COPY -> {
                        if (fileIndex != lastFileIndex) {
                            lastFileIndex = fileIndex;
                            lastFileIndexId = files.id(fileIndex);
                        }
                        row(address, line, lastFileIndexId);
                    }
                    case DW_LNS_ADVANCE_PC -> {
                        long advance = c.uleb();
                        if (maxOps == 1) {
                            address += minInst * advance;
                        } else {
                            address += minInst * Long.divideUnsigned(opIndex + advance, maxOps);
                            opIndex = Long.remainderUnsigned(opIndex + advance, maxOps);
                        }
                    }
                    case DW_LNS_ADVANCE_LINE -> line += c.sleb();
                    case DW_LNS_SET_FILE -> fileIndex = c.uleb();
                    case DW_LNS_CONST_ADD_PC -> {
                        long advance = (255 - opcodeBase) / lineRange;
                        if (maxOps == 1) {
                            address += minInst * advance;
                        } else {
                            address += minInst * ((opIndex + advance) / maxOps);
                            opIndex = (opIndex + advance) % maxOps;
                        }
                    }
                    case DW_LNS_FIXED_ADVANCE_PC -> {
                        address += c.u16();
                        opIndex = 0;
                    }
                    case DW_LNS_SET_COLUMN, DW_LNS_SET_ISA -> c.uleb();
                    case DW_LNS_NEGATE_STMT, DW_LNS_SET_BASIC_BLOCK, DW_LNS_SET_PROLOGUE_END,
                         DW_LNS_SET_EPILOGUE_BEGIN -> { }
                    default -> {
                        // a standard opcode this reader does not know: skip its ULEB128 operands
                        for (int i = 0; i < opLengths[op]; i++) {
                            c.uleb();
                        }
                    }
                }
                pos = c.pos;
                c.what = "line program";
            }
            c.pos = pos;
            if (n > 0) {
                throw c.error("truncated line program: it ends at 0x" + Integer.toHexString(c.limit)
                        + " inside a sequence (no DW_LNE_end_sequence after the row for 0x"
                        + Long.toHexString(addr[n - 1]) + ")");
            }
        }

        private void row(long address, long line, int fileId) {
            if (n == addr.length) {
                addr = Arrays.copyOf(addr, n * 2);
                this.line = Arrays.copyOf(this.line, n * 2);
                file = Arrays.copyOf(file, n * 2);
            }
            addr[n] = address;
            this.line[n] = (int) Math.max(0, Math.min(line, Integer.MAX_VALUE));
            file[n] = fileId;
            n++;
        }

        private void endSequence(long end) {
            int count = n;
            n = 0;
            if (count == 0) {
                return;
            }
            long[] a = Arrays.copyOf(addr, count);
            int[] l = Arrays.copyOf(line, count);
            int[] f = Arrays.copyOf(file, count);
            boolean sorted = true;
            for (int i = 1; i < count && sorted; i++) {
                sorted = Long.compareUnsigned(a[i - 1], a[i]) <= 0;
            }
            if (!sorted) {
                // addresses must not decrease within a sequence; put up with producers that do
                Integer[] order = new Integer[count];
                for (int i = 0; i < count; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> Long.compareUnsigned(a[x], a[y])); // stable
                long[] a2 = new long[count];
                int[] l2 = new int[count];
                int[] f2 = new int[count];
                for (int i = 0; i < count; i++) {
                    a2[i] = a[order[i]];
                    l2[i] = l[order[i]];
                    f2[i] = f[order[i]];
                }
                seqs.add(new Seq(a2[0], end, a2, l2, f2));
            } else {
                seqs.add(new Seq(a[0], end, a, l, f));
            }
            if (Long.compareUnsigned(end, seqs.getLast().low()) <= 0) {
                seqs.removeLast(); // covers no address
            }
        }

        LineTable build(String warning) {
            List<Seq> kept = new ArrayList<>(seqs.subList(0, warning == null ? seqs.size() : seqsDone));
            if (kept.isEmpty() && fileNames.isEmpty() && warning == null) {
                return unitsDone == 0 ? EMPTY : new LineTable(new String[0], new long[0], new int[0], new int[0],
                        new long[0], new long[0], new int[0], new int[0], unitsDone, null);
            }
            java.util.Collections.sort(kept);
            int rows = 0;
            for (Seq q : kept) {
                rows += q.addr().length;
            }
            long[] ra = new long[rows];
            int[] rl = new int[rows];
            int[] rf = new int[rows];
            long[] lo = new long[kept.size()];
            long[] hi = new long[kept.size()];
            int[] first = new int[kept.size()];
            int[] last = new int[kept.size()];
            int at = 0;
            for (int i = 0; i < kept.size(); i++) {
                Seq q = kept.get(i);
                int k = q.addr().length;
                System.arraycopy(q.addr(), 0, ra, at, k);
                System.arraycopy(q.line(), 0, rl, at, k);
                System.arraycopy(q.file(), 0, rf, at, k);
                lo[i] = q.low();
                hi[i] = q.high();
                first[i] = at;
                last[i] = at + k;
                at += k;
            }
            LineTable t = new LineTable(fileNames.toArray(new String[0]), ra, rl, rf, lo, hi, first, last, unitsDone,
                    warning);
            t.unitFiles = Map.copyOf(unitFiles);
            return t;
        }
    }
}
