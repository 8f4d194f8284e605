package io.mmulab.emulator.disasm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * x86-64 through the system's libcapstone (4.x or 5.x; Debian: {@code libcapstone4}), reached
 * with the JDK's foreign-function API. The Maven artifact we use for ARM64 carries no x86
 * engine, hence this. Lookup order: system property {@code mmulab.capstone} or environment
 * variable {@code MMULAB_CAPSTONE} (a path; if set it must work), else {@code libcapstone.so.5},
 * {@code libcapstone.so.4}, {@code libcapstone.so} on the library path. The library stays loaded
 * for the life of the JVM.
 */
final class SystemCapstoneEngine implements Engine {
    static final String HINT = "x86-64 disassembly needs the system libcapstone 4 or 5 "
            + "(Debian/Ubuntu: apt-get install libcapstone4), or MMULAB_CAPSTONE=/path/to/libcapstone.so";

    // Values shared by capstone 4 and 5 (capstone 6 renumbered them, so it is refused).
    private static final int CS_ARCH_X86 = 3, CS_MODE_64 = 1 << 3, CS_OPT_SYNTAX = 1, CS_OPT_SYNTAX_ATT = 2;
    private static final int OFF_SIZE = 16, OFF_BYTES = 18, OP_STR_LEN = 160;

    private static Library library;
    private static DisassemblerUnavailableException failure;

    private final Library lib;
    private final Arena arena = Arena.ofConfined();
    private final long handle;
    private final MemorySegment insn;
    private final MemorySegment codePtr, sizeBox, addrBox;
    private MemorySegment buffer;

    SystemCapstoneEngine() {
        this(library());
    }

    private SystemCapstoneEngine(Library lib) {
        this.lib = lib;
        try {
            MemorySegment h = arena.allocate(JAVA_LONG);
            check((int) lib.open.invokeExact(CS_ARCH_X86, CS_MODE_64, h), "cs_open");
            handle = h.get(JAVA_LONG, 0);
            check((int) lib.option.invokeExact(handle, CS_OPT_SYNTAX, (long) CS_OPT_SYNTAX_ATT), "cs_option(syntax=att)");
            MemorySegment p = (MemorySegment) lib.malloc.invokeExact(handle);
            if (p.equals(MemorySegment.NULL)) {
                throw new DisassemblerUnavailableException("cs_malloc failed", null);
            }
            insn = p.reinterpret(lib.insnSize);
        } catch (DisassemblerUnavailableException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new DisassemblerUnavailableException("libcapstone at " + lib.path + ": " + t, t);
        }
        codePtr = arena.allocate(ADDRESS);
        sizeBox = arena.allocate(JAVA_LONG);
        addrBox = arena.allocate(JAVA_LONG);
        buffer = arena.allocate(Disassembler.WINDOW);
    }

    @Override
    public List<Instruction> decode(byte[] code, int from, int to, long address, int max) {
        int len = to - from;
        if (buffer.byteSize() < len) {
            buffer = arena.allocate(len);
        }
        MemorySegment.copy(code, from, buffer, JAVA_BYTE, 0, len);
        codePtr.set(ADDRESS, 0, buffer);
        sizeBox.set(JAVA_LONG, 0, len);
        addrBox.set(JAVA_LONG, 0, address);
        List<Instruction> out = new ArrayList<>();
        int off = from;
        try {
            while ((max <= 0 || out.size() < max) && sizeBox.get(JAVA_LONG, 0) > 0) {
                long at = addrBox.get(JAVA_LONG, 0);
                if (!(boolean) lib.iter.invokeExact(handle, codePtr, sizeBox, addrBox, insn)) {
                    break;
                }
                int size = insn.get(JAVA_SHORT, OFF_SIZE) & 0xffff;
                byte[] bytes = new byte[size];
                System.arraycopy(code, off, bytes, 0, size);
                out.add(new Instruction(at, size, bytes, insn.getString(lib.offMnemonic), insn.getString(lib.offOpStr)));
                off += size;
            }
        } catch (Throwable t) {
            throw new IllegalStateException("cs_disasm_iter failed", t);
        }
        return out;
    }

    @Override
    public String describe() {
        return "capstone " + lib.version + " (" + lib.path + ")";
    }

    @Override
    public void close() {
        try {
            lib.free.invokeExact(insn, 1L);
            MemorySegment h = arena.allocate(JAVA_LONG);
            h.set(JAVA_LONG, 0, handle);
            int ignored = (int) lib.close.invokeExact(h);
        } catch (Throwable t) {
            throw new IllegalStateException("cs_close failed", t);
        } finally {
            arena.close();
        }
    }

    private void check(int err, String what) throws Throwable {
        if (err != 0) {
            MemorySegment msg = ((MemorySegment) lib.strerror.invokeExact(err)).reinterpret(256);
            throw new DisassemblerUnavailableException(what + " failed: " + msg.getString(0) + " (libcapstone "
                    + lib.version + " at " + lib.path + ")", null);
        }
    }

    private static synchronized Library library() {
        if (library != null) {
            return library;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            library = Library.load();
            return library;
        } catch (DisassemblerUnavailableException e) {
            failure = e;
            throw e;
        }
    }

    /** The loaded shared object, its entry points and the layout of its {@code cs_insn}. */
    private static final class Library {
        final String path, version;
        final MethodHandle open, option, malloc, iter, free, close, strerror;
        // Set by probeLayout(): where cs_insn keeps its text, and how much of it we read.
        long insnSize, offMnemonic, offOpStr;

        private Library(String path, SymbolLookup lookup) {
            this.path = path;
            Linker linker = Linker.nativeLinker();
            MethodHandle versionFn = fn(linker, lookup, "cs_version", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            open = fn(linker, lookup, "cs_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
            option = fn(linker, lookup, "cs_option", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG));
            malloc = fn(linker, lookup, "cs_malloc", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
            iter = fn(linker, lookup, "cs_disasm_iter",
                    FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            free = fn(linker, lookup, "cs_free", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
            close = fn(linker, lookup, "cs_close", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            strerror = fn(linker, lookup, "cs_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
            int major;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment ma = a.allocate(JAVA_INT), mi = a.allocate(JAVA_INT);
                int ignored = (int) versionFn.invokeExact(ma, mi);
                major = ma.get(JAVA_INT, 0);
                version = major + "." + mi.get(JAVA_INT, 0);
            } catch (Throwable t) {
                throw new DisassemblerUnavailableException("cs_version failed in " + path, t);
            }
            if (major != 4 && major != 5) {
                throw new DisassemblerUnavailableException("libcapstone " + version + " at " + path
                        + " is not supported (4.x or 5.x have the ABI we bind): " + HINT, null);
            }
        }

        private static MethodHandle fn(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor d) {
            MemorySegment sym = lookup.find(name).orElseThrow(
                    () -> new DisassemblerUnavailableException("libcapstone lacks " + name + ": " + HINT, null));
            return linker.downcallHandle(sym, d);
        }

        static Library load() {
            String explicit = System.getProperty("mmulab.capstone");
            if (explicit == null || explicit.isBlank()) {
                explicit = System.getenv("MMULAB_CAPSTONE");
            }
            List<String> candidates = explicit != null && !explicit.isBlank()
                    ? List.of(explicit)
                    : List.of("libcapstone.so.5", "libcapstone.so.4", "libcapstone.so", "libcapstone.dylib");
            List<String> tried = new ArrayList<>();
            for (String c : candidates) {
                if (c.contains("/") && !Files.isRegularFile(Path.of(c))) {
                    tried.add(c + " (no such file)");
                    continue;
                }
                SymbolLookup lookup;
                try {
                    lookup = SymbolLookup.libraryLookup(c, Arena.global());
                } catch (IllegalArgumentException notFound) {
                    tried.add(c);
                    continue;
                }
                Library lib = new Library(c, lookup);
                lib.probeLayout();
                return lib;
            }
            throw new DisassemblerUnavailableException("no usable libcapstone (tried " + String.join(", ", tried)
                    + "): " + HINT, null);
        }

        /**
         * {@code cs_insn.bytes} is 16 bytes in capstone 4 and 24 in 5, which moves the text fields;
         * decoding a known instruction tells which layout (and that AT&T syntax took).
         */
        private void probeLayout() {
            byte[] movRaxRbx = {0x48, (byte) 0x89, (byte) 0xc3};
            for (int bytesLen : new int[] {16, 24}) {
                offMnemonic = OFF_BYTES + bytesLen;
                offOpStr = offMnemonic + 32;
                insnSize = offOpStr + OP_STR_LEN;
                try (SystemCapstoneEngine e = new SystemCapstoneEngine(this)) {
                    List<Instruction> got = e.decode(movRaxRbx, 0, 3, 0x1000, 1);
                    if (got.size() == 1 && got.get(0).mnemonic().startsWith("mov")
                            && got.get(0).operands().equals("%rax, %rbx")) {
                        return;
                    }
                }
            }
            throw new DisassemblerUnavailableException("libcapstone " + version + " at " + path
                    + ": unrecognised cs_insn layout: " + HINT, null);
        }
    }
}
