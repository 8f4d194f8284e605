package io.mmulab.emulator.elf;

import io.mmulab.emulator.Arch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A guest kernel image: an ELF64 little-endian executable for x86-64 or AArch64.
 * Parsing is strict and every rejection names the file and what is wrong, because the
 * user's first mistake is usually pointing at the wrong file.
 */
public final class ElfImage {
    private static final int PT_LOAD = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int STT_NOTYPE = 0;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int PF_X = 1;
    private static final int PF_W = 2;

    private final Path path;
    private final Arch arch;
    private final long entry;
    private final List<Segment> segments;
    private final Symbols symbols;
    private final String sha256;
    private final List<ElfSection> sections;
    /** The whole file, kept (not copied) for {@link #sectionData} and the lazily parsed line table. */
    private final byte[] bytes;
    private volatile LineTable sourceLines;
    private volatile InlineTable inlining;
    private volatile TypeTable types;

    private ElfImage(Path path, Arch arch, long entry, List<Segment> segments, Symbols symbols, String sha256,
                     List<ElfSection> sections, byte[] bytes) {
        this.path = path;
        this.arch = arch;
        this.entry = entry;
        this.segments = segments;
        this.symbols = symbols;
        this.sha256 = sha256;
        this.sections = sections;
        this.bytes = bytes;
    }

    public static ElfImage load(Path path) throws ImageFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImageFormatException(path + ": no such file");
        } catch (IOException e) {
            throw new ImageFormatException(path + ": cannot read: " + e.getMessage());
        }
        return parse(path, bytes);
    }

    static ElfImage parse(Path path, byte[] bytes) throws ImageFormatException {
        Reader r = new Reader(path, bytes);
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw r.error("not an ELF file (bad magic)");
        }
        r.need(0, 64, "ELF header");
        if (bytes[4] != 2) {
            throw r.error("not a 64-bit ELF (EI_CLASS " + bytes[4] + ")");
        }
        if (bytes[5] != 1) {
            throw r.error("not a little-endian ELF (EI_DATA " + bytes[5] + ")");
        }
        int machine = r.u16(18);
        Arch arch = Arch.fromElfMachine(machine);
        if (arch == null) {
            throw r.error("ELF for machine " + machine + ", not x86_64 (62) or aarch64 (183)");
        }
        long entry = r.u64(24);
        long phoff = r.u64(32);
        long shoff = r.u64(40);
        int phentsize = r.u16(54);
        int phnum = r.u16(56);
        int shentsize = r.u16(58);
        int shnum = r.u16(60);
        int shstrndx = r.u16(62);

        List<Segment> segments = new ArrayList<>();
        if (phnum > 0 && phentsize < 56) {
            throw r.error("program header entry size " + phentsize + " is too small");
        }
        for (int i = 0; i < phnum; i++) {
            long ph = phoff + (long) i * phentsize;
            r.need(ph, 56, "program header " + i);
            if (r.u32(ph) != PT_LOAD) {
                continue;
            }
            int flags = r.u32(ph + 4);
            long offset = r.u64(ph + 8);
            long vaddr = r.u64(ph + 16);
            long paddr = r.u64(ph + 24);
            long filesz = r.u64(ph + 32);
            long memsz = r.u64(ph + 40);
            if (Long.compareUnsigned(filesz, memsz) > 0) {
                throw r.error("segment " + i + " has p_filesz > p_memsz");
            }
            // A segment with no file bytes (only .bss) may name any offset, even past the end.
            byte[] data = new byte[(int) filesz];
            if (filesz > 0) {
                r.need(offset, filesz, "segment " + i + " data");
                System.arraycopy(bytes, (int) offset, data, 0, data.length);
            }
            segments.add(new Segment(vaddr, paddr, memsz, data, (flags & PF_X) != 0, (flags & PF_W) != 0));
        }
        if (segments.isEmpty()) {
            throw r.error("no loadable segments");
        }
        Symbols symbols = readSymbols(r, shoff, shentsize, shnum);
        List<ElfSection> sections = readSections(r, shoff, shentsize, shnum, shstrndx);
        return new ElfImage(path, arch, entry, Collections.unmodifiableList(segments),
                symbols, sha256(bytes), sections, bytes);
    }

    private static final int SHN_XINDEX = 0xffff;

    /**
     * The section headers with their names. Contents are not checked here (a NOBITS section has
     * none, and a broken debug section must not stop an image from loading); {@link #sectionData}
     * checks them.
     */
    private static List<ElfSection> readSections(Reader r, long shoff, int shentsize, int shnum, int shstrndx)
            throws ImageFormatException {
        if (shnum == 0) {
            return List.of();
        }
        // readSymbols has checked shentsize and that the headers lie inside the file
        if (shstrndx == SHN_XINDEX) {
            shstrndx = r.u32(shoff + 40); // the real index is in section 0's sh_link
        }
        long namesOff = 0;
        long namesSize = 0;
        if (shstrndx != 0) {
            if (Integer.compareUnsigned(shstrndx, shnum) >= 0) {
                throw r.error("section name table index " + Integer.toUnsignedString(shstrndx)
                        + " is out of range (" + shnum + " sections)");
            }
            long sh = shoff + (long) shstrndx * shentsize;
            namesOff = r.u64(sh + 24);
            namesSize = r.u64(sh + 32);
            r.need(namesOff, namesSize, "section name table");
        }
        List<ElfSection> out = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long sh = shoff + (long) i * shentsize;
            long nameOff = r.u32(sh) & 0xffffffffL;
            String name = "";
            if (shstrndx != 0 && nameOff != 0) {
                if (nameOff >= namesSize) {
                    throw r.error("section " + i + " name offset out of range");
                }
                name = r.cString(namesOff + nameOff, namesOff + namesSize);
            }
            out.add(new ElfSection(name, r.u32(sh + 4), r.u64(sh + 8), r.u64(sh + 16), r.u64(sh + 24),
                    r.u64(sh + 32)));
        }
        return List.copyOf(out);
    }

    private static Symbols readSymbols(Reader r, long shoff, int shentsize, int shnum) throws ImageFormatException {
        List<ElfSymbol> out = new ArrayList<>();
        List<ElfSymbol> labels = new ArrayList<>();
        if (shnum == 0) {
            return new Symbols(out, labels);
        }
        if (shentsize < 64) {
            throw r.error("section header entry size " + shentsize + " is too small");
        }
        r.need(shoff, (long) shnum * shentsize, "section headers");
        for (int i = 0; i < shnum; i++) {
            long sh = shoff + (long) i * shentsize;
            if (r.u32(sh + 4) != SHT_SYMTAB) {
                continue;
            }
            long symOff = r.u64(sh + 24);
            long symSize = r.u64(sh + 32);
            int strIndex = r.u32(sh + 40);
            long entSize = r.u64(sh + 56);
            if (entSize < 24 || strIndex >= shnum) {
                throw r.error("malformed symbol table");
            }
            long strSh = shoff + (long) strIndex * shentsize;
            long strOff = r.u64(strSh + 24);
            long strSize = r.u64(strSh + 32);
            r.need(symOff, symSize, "symbol table");
            r.need(strOff, strSize, "string table");
            for (long s = symOff; s + entSize <= symOff + symSize; s += entSize) {
                int type = r.bytes[(int) s + 4] & 0xf;
                if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE) {
                    continue;
                }
                long nameOff = r.u32(s) & 0xffffffffL;
                if (nameOff >= strSize) {
                    throw r.error("symbol name offset out of range");
                }
                String name = r.cString(strOff + nameOff, strOff + strSize);
                if (type == STT_NOTYPE) {
                    // Linker-script symbols such as _end: found by name, never named in reports.
                    if (!name.isEmpty() && (r.u32(s + 4) >>> 16 & 0xffff) != 0) {   // st_shndx != SHN_UNDEF
                        labels.add(new ElfSymbol(name, r.u64(s + 8), 0, false));
                    }
                    continue;
                }
                out.add(new ElfSymbol(name, r.u64(s + 8), r.u64(s + 16), type == STT_FUNC));
            }
        }
        return new Symbols(out, labels);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path path() {
        return path;
    }

    public Arch arch() {
        return arch;
    }

    /** Physical address where vCPU 0 starts, translation off. */
    public long entry() {
        return entry;
    }

    public List<Segment> segments() {
        return segments;
    }

    public Symbols symbols() {
        return symbols;
    }

    /** Hex SHA-256 of the file, so traces can insist on the image they were recorded with. */
    public String sha256() {
        return sha256;
    }

    /** Every section header, in file order (empty when the image has no section headers). */
    public List<ElfSection> sections() {
        return sections;
    }

    /** The first section called {@code name}. */
    public Optional<ElfSection> section(String name) {
        for (ElfSection s : sections) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * A read-only little-endian view of a section's contents as stored in the file (still
     * compressed if {@link ElfSection#compressed()}); empty for NOBITS sections.
     *
     * @throws ImageFormatException when the contents lie outside the file
     */
    public ByteBuffer sectionData(ElfSection s) throws ImageFormatException {
        if (s.noBits()) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        checkInFile(s);
        // (asReadOnlyBuffer resets the byte order, so order() comes last)
        return ByteBuffer.wrap(bytes, (int) s.offset(), (int) s.size()).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private void checkInFile(ElfSection s) throws ImageFormatException {
        long off = s.offset();
        long len = s.size();
        if (off < 0 || len < 0 || off > bytes.length || len > bytes.length - off) {
            throw new ImageFormatException(path + ": truncated ELF: section " + (s.name().isEmpty() ? "?" : s.name())
                    + " lies outside the file (" + bytes.length + " bytes)");
        }
    }

    /** A copy of a section's contents, for the parsers in this package; as {@link #sectionData}. */
    byte[] sectionBytes(ElfSection s) throws ImageFormatException {
        if (s.noBits()) {
            return new byte[0];
        }
        checkInFile(s);
        return java.util.Arrays.copyOfRange(bytes, (int) s.offset(), (int) (s.offset() + s.size()));
    }

    /**
     * The address to source line table from {@code .debug_line}, parsed on first use. Never
     * throws: an image without {@code .debug_line} gives an empty table, and one whose line table
     * cannot be read (malformed, truncated, compressed) gives the rows of the units read before
     * the problem, with the one-line reason in {@link LineTable#warning()}. Use
     * {@link LineTable#read(ElfImage)} to get the problem as an exception instead.
     */
    public LineTable sourceLines() {
        LineTable t = sourceLines;
        if (t == null) {
            synchronized (this) {
                t = sourceLines;
                if (t == null) {
                    t = LineTable.readLenient(this);
                    sourceLines = t;
                }
            }
        }
        return t;
    }

    /** Inlined-function frames from {@code .debug_info}, read on first use; never throws (see InlineTable). */
    public InlineTable inlining() {
        InlineTable t = inlining;
        if (t == null) {
            synchronized (this) {
                t = inlining;
                if (t == null) {
                    t = InlineTable.read(this, sourceLines());
                    inlining = t;
                }
            }
        }
        return t;
    }

    /** The C types (struct layouts, enumerators) from {@code .debug_info}, read on first use; never throws. */
    public TypeTable types() {
        TypeTable t = types;
        if (t == null) {
            synchronized (this) {
                t = types;
                if (t == null) {
                    t = TypeTable.read(this);
                    types = t;
                }
            }
        }
        return t;
    }

    /**
     * Where {@code pc} is, as a stack of frames: {@code f (file:line) <- g (file:line)}, inlined
     * functions first; the plain source line when the image has no inline information for it.
     */
    public String describeFrames(long pc) {
        String frames = inlining().describe(pc, sourceLines());
        return frames.isEmpty() ? sourceLines().describe(pc) : frames;
    }

    /** The physical address a linked virtual address was loaded at, through the PT_LOAD that holds it. */
    public Optional<Long> physicalAddressOf(long va) {
        for (Segment s : segments) {
            if (s.containsVirtual(va)) {
                return Optional.of(s.paddr() + (va - s.vaddr()));
            }
        }
        return Optional.empty();
    }

    /** Bounds-checked little-endian reads that fail with the file's name. */
    private static final class Reader {
        final Path path;
        final byte[] bytes;
        final ByteBuffer buf;

        Reader(Path path, byte[] bytes) {
            this.path = path;
            this.bytes = bytes;
            this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        ImageFormatException error(String what) {
            return new ImageFormatException(path + ": " + what);
        }

        void need(long off, long len, String what) throws ImageFormatException {
            if (off < 0 || len < 0 || off > bytes.length || len > bytes.length - off) {
                throw error("truncated ELF: " + what + " lies outside the file (" + bytes.length + " bytes)");
            }
        }

        int u16(long off) {
            return buf.getShort((int) off) & 0xffff;
        }

        int u32(long off) {
            return buf.getInt((int) off);
        }

        long u64(long off) {
            return buf.getLong((int) off);
        }

        String cString(long off, long end) {
            int e = (int) off;
            while (e < end && bytes[e] != 0) {
                e++;
            }
            return new String(bytes, (int) off, e - (int) off, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
