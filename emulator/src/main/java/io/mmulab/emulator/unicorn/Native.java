package io.mmulab.emulator.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The downcall handles, one {@code static final} field each so the JIT treats them as
 * constants and inlines the call sequence (an instance-field MethodHandle would not be).
 *
 * <p>ABI choice: every C pointer that Java never dereferences through a segment (engine
 * handle, out-parameters, scratch buffers, hook handles) is declared {@code JAVA_LONG}.
 * On the LP64 platforms unicorn supports (x86-64 SysV, AAPCS64) a pointer and a 64-bit
 * integer travel in the same register class, so this is ABI-identical and spares a
 * MemorySegment wrapper per call. Only calls that take Java heap arrays use ADDRESS.
 *
 * <p>Calls that are short and can never re-enter Java (register and memory accessors,
 * {@code uc_emu_stop}) are linked {@code critical}: no thread-state transition, which
 * matters on the hook path. {@code uc_emu_start} and everything that may run hooks is not.
 * {@code uc_mem_read/write} qualify because they address unicorn's physical RAM directly
 * (no translation, no hooks); should MMIO regions ({@code uc_mmio_map}) ever be bound, whose
 * callbacks those calls would invoke, they must stop being critical.
 *
 * <p>Initialising this class requires {@link UnicornLibrary#get()} to have succeeded;
 * {@link Unicorn#open} guarantees that before touching it.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class Native {
    private Native() {}

    static final Linker LINKER = Linker.nativeLinker();
    /** A segment spanning the whole address space, for stores through raw native pointers. */
    static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);

    private static final MethodHandle UC_OPEN, UC_CLOSE, UC_STRERROR;
    private static final MethodHandle UC_REG_READ, UC_REG_WRITE;
    private static final MethodHandle UC_MEM_READ, UC_MEM_WRITE, UC_MEM_READ_PTR, UC_MEM_WRITE_PTR;
    private static final MethodHandle UC_MEM_MAP, UC_MEM_MAP_PTR, UC_MEM_UNMAP, UC_MEM_PROTECT;
    private static final MethodHandle UC_EMU_START, UC_EMU_STOP;
    private static final MethodHandle UC_HOOK_ADD, UC_HOOK_ADD_INSN, UC_HOOK_DEL;
    private static final MethodHandle UC_CTL0, UC_CTL_INT, UC_CTL_PTR, UC_CTL_LONG2;
    private static final MethodHandle UC_CONTEXT_ALLOC, UC_CONTEXT_SAVE, UC_CONTEXT_RESTORE, UC_CONTEXT_FREE;

    private static final String[] STRERROR = new String[32];

    static {
        SymbolLookup lib = UnicornLibrary.get().lookup();
        UC_OPEN = h(lib, "uc_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        UC_CLOSE = h(lib, "uc_close", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        UC_STRERROR = h(lib, "uc_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        UC_REG_READ = h(lib, "uc_reg_read", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG), CRITICAL);
        UC_REG_WRITE = h(lib, "uc_reg_write", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG), CRITICAL);
        UC_MEM_READ = h(lib, "uc_mem_read",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG), CRITICAL_HEAP);
        UC_MEM_WRITE = h(lib, "uc_mem_write",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG), CRITICAL_HEAP);
        UC_MEM_READ_PTR = h(lib, "uc_mem_read",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), CRITICAL);
        UC_MEM_WRITE_PTR = h(lib, "uc_mem_write",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), CRITICAL);
        UC_MEM_MAP = h(lib, "uc_mem_map", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
        UC_MEM_MAP_PTR = h(lib, "uc_mem_map_ptr",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG));
        UC_MEM_UNMAP = h(lib, "uc_mem_unmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        UC_MEM_PROTECT = h(lib, "uc_mem_protect",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
        UC_EMU_START = h(lib, "uc_emu_start",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        UC_EMU_STOP = h(lib, "uc_emu_stop", FunctionDescriptor.of(JAVA_INT, JAVA_LONG), CRITICAL);
        // uc_hook_add(uc, &hh, type, callback, user_data, begin, end, ...): variadic after 'end'.
        UC_HOOK_ADD = h(lib, "uc_hook_add", FunctionDescriptor.of(JAVA_INT,
                JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(7));
        UC_HOOK_ADD_INSN = h(lib, "uc_hook_add", FunctionDescriptor.of(JAVA_INT,
                JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT),
                Linker.Option.firstVariadicArg(7));
        UC_HOOK_DEL = h(lib, "uc_hook_del", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        // uc_ctl(uc, control, ...): one handle per argument shape we use.
        UC_CTL0 = h(lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        UC_CTL_INT = h(lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        UC_CTL_PTR = h(lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG),
                Linker.Option.firstVariadicArg(2));
        UC_CTL_LONG2 = h(lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(2));
        UC_CONTEXT_ALLOC = h(lib, "uc_context_alloc", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        UC_CONTEXT_SAVE = h(lib, "uc_context_save", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        UC_CONTEXT_RESTORE = h(lib, "uc_context_restore", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        UC_CONTEXT_FREE = h(lib, "uc_context_free", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    }

    private static MethodHandle h(SymbolLookup lib, String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment fn = lib.find(name).orElseThrow(() -> new UnicornUnavailableException(
                UnicornLibrary.unloadableMessage(UnicornLibrary.get().path(), "no symbol " + name)));
        return LINKER.downcallHandle(fn, fd, options);
    }

    /** Turns a Throwable from invokeExact (which declares Throwable) into an unchecked one. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected checked exception from a downcall", t);
    }

    /** unicorn's description of an error code, e.g. "Invalid memory mapping (UC_ERR_MAP)". */
    static String strerror(int code) {
        if (code >= 0 && code < STRERROR.length && STRERROR[code] != null) {
            return STRERROR[code];
        }
        String s;
        try {
            MemorySegment p = (MemorySegment) UC_STRERROR.invokeExact(code);
            s = p.equals(MemorySegment.NULL) ? Uc.errorName(code) : p.reinterpret(512).getString(0);
        } catch (Throwable t) {
            s = Uc.errorName(code);
        }
        if (code >= 0 && code < STRERROR.length) {
            STRERROR[code] = s;
        }
        return s;
    }

    static int open(int arch, int mode, long outPtr) {
        try { return (int) UC_OPEN.invokeExact(arch, mode, outPtr); } catch (Throwable t) { throw rethrow(t); }
    }

    static int close(long uc) {
        try { return (int) UC_CLOSE.invokeExact(uc); } catch (Throwable t) { throw rethrow(t); }
    }

    static int regRead(long uc, int id, long ptr) {
        try { return (int) UC_REG_READ.invokeExact(uc, id, ptr); } catch (Throwable t) { throw rethrow(t); }
    }

    static int regWrite(long uc, int id, long ptr) {
        try { return (int) UC_REG_WRITE.invokeExact(uc, id, ptr); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memRead(long uc, long address, MemorySegment dst, long size) {
        try { return (int) UC_MEM_READ.invokeExact(uc, address, dst, size); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memWrite(long uc, long address, MemorySegment src, long size) {
        try { return (int) UC_MEM_WRITE.invokeExact(uc, address, src, size); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memReadPtr(long uc, long address, long dst, long size) {
        try { return (int) UC_MEM_READ_PTR.invokeExact(uc, address, dst, size); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memWritePtr(long uc, long address, long src, long size) {
        try { return (int) UC_MEM_WRITE_PTR.invokeExact(uc, address, src, size); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memMap(long uc, long address, long size, int prot) {
        try { return (int) UC_MEM_MAP.invokeExact(uc, address, size, prot); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memMapPtr(long uc, long address, long size, int prot, long ptr) {
        try { return (int) UC_MEM_MAP_PTR.invokeExact(uc, address, size, prot, ptr); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memUnmap(long uc, long address, long size) {
        try { return (int) UC_MEM_UNMAP.invokeExact(uc, address, size); } catch (Throwable t) { throw rethrow(t); }
    }

    static int memProtect(long uc, long address, long size, int prot) {
        try { return (int) UC_MEM_PROTECT.invokeExact(uc, address, size, prot); } catch (Throwable t) { throw rethrow(t); }
    }

    static int emuStart(long uc, long begin, long until, long timeout, long count) {
        try { return (int) UC_EMU_START.invokeExact(uc, begin, until, timeout, count); } catch (Throwable t) { throw rethrow(t); }
    }

    static int emuStop(long uc) {
        try { return (int) UC_EMU_STOP.invokeExact(uc); } catch (Throwable t) { throw rethrow(t); }
    }

    static int hookAdd(long uc, long outHh, int type, long callback, long userData, long begin, long end) {
        try {
            return (int) UC_HOOK_ADD.invokeExact(uc, outHh, type, callback, userData, begin, end);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int hookAddInsn(long uc, long outHh, int type, long callback, long userData, long begin, long end, int insn) {
        try {
            return (int) UC_HOOK_ADD_INSN.invokeExact(uc, outHh, type, callback, userData, begin, end, insn);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int hookDel(long uc, long hh) {
        try { return (int) UC_HOOK_DEL.invokeExact(uc, hh); } catch (Throwable t) { throw rethrow(t); }
    }

    static int ctl(long uc, int control) {
        try { return (int) UC_CTL0.invokeExact(uc, control); } catch (Throwable t) { throw rethrow(t); }
    }

    static int ctlInt(long uc, int control, int arg) {
        try { return (int) UC_CTL_INT.invokeExact(uc, control, arg); } catch (Throwable t) { throw rethrow(t); }
    }

    static int ctlPtr(long uc, int control, long ptr) {
        try { return (int) UC_CTL_PTR.invokeExact(uc, control, ptr); } catch (Throwable t) { throw rethrow(t); }
    }

    static int ctlLong2(long uc, int control, long a, long b) {
        try { return (int) UC_CTL_LONG2.invokeExact(uc, control, a, b); } catch (Throwable t) { throw rethrow(t); }
    }

    static int contextAlloc(long uc, long outPtr) {
        try { return (int) UC_CONTEXT_ALLOC.invokeExact(uc, outPtr); } catch (Throwable t) { throw rethrow(t); }
    }

    static int contextSave(long uc, long ctx) {
        try { return (int) UC_CONTEXT_SAVE.invokeExact(uc, ctx); } catch (Throwable t) { throw rethrow(t); }
    }

    static int contextRestore(long uc, long ctx) {
        try { return (int) UC_CONTEXT_RESTORE.invokeExact(uc, ctx); } catch (Throwable t) { throw rethrow(t); }
    }

    static int contextFree(long ctx) {
        try { return (int) UC_CONTEXT_FREE.invokeExact(ctx); } catch (Throwable t) { throw rethrow(t); }
    }
}
