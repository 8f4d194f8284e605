package io.mmulab.emulator.unicorn;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.mmulab.emulator.Arch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One unicorn engine: one emulated CPU.
 *
 * <p><b>Threading.</b> An engine is single-threaded by design: mmulab drives all vCPUs from
 * one host thread, which calls {@link #emuStart} and receives every hook callback on that same
 * thread, inside {@code emuStart}. The engine keeps preallocated native scratch buffers so that
 * {@link #readReg}/{@link #writeReg} and the hook path allocate nothing; these buffers are not
 * synchronised, so an engine must not be used from two threads at once (handing it from one
 * thread to another with proper happens-before is fine).
 *
 * <p><b>Errors.</b> Every unicorn return code is checked; a failure throws
 * {@link UnicornException}. Using a closed engine throws {@link IllegalStateException} before
 * any native call (a stale handle would crash the JVM). A hook body that throws does not
 * propagate through native code: it is recorded, the engine is stopped, and {@code emuStart}
 * throws {@link HookFailedException}.
 */
public final class Unicorn implements AutoCloseable {
    private static final int SCRATCH_BYTES = 64;
    // uc_x86_mmr and uc_arm64_cp_reg offsets (from the 2.1.4 headers, checked with a C probe).
    private static final long MMR_BASE = 8, MMR_LIMIT = 16;
    private static final long MSR_VALUE = 8;
    private static final long CP_CRN = 0, CP_CRM = 4, CP_OP0 = 8, CP_OP1 = 12, CP_OP2 = 16, CP_VAL = 24;

    private final Arch arch;
    private final Arena arena;
    /** Register values and register structs. */
    private final MemorySegment regBuf;
    private final long regAddr;
    /** Out-parameters of native calls (engine handle, hook handle, context pointer). */
    private final MemorySegment outBuf;
    private final long outAddr;
    /** Reused for every TLB fill so the fill path allocates nothing. */
    final TlbEntry tlbEntry = new TlbEntry();

    private long uc;
    private int running;
    private final List<Hook> hooks = new ArrayList<>();
    /** Caller-owned backings, kept reachable while mapped so a GC cannot free them under unicorn. */
    private final Map<Long, MemorySegment> backings = new TreeMap<>();

    private Throwable hookFailure;
    private Hook failedHook;
    private long failurePc;

    private Unicorn(Arch arch) {
        this.arch = arch;
        this.arena = Arena.ofShared();
        this.regBuf = arena.allocate(SCRATCH_BYTES, 16);
        this.regAddr = regBuf.address();
        this.outBuf = arena.allocate(16, 16);
        this.outAddr = outBuf.address();
    }

    /**
     * Opens an engine: x86-64 long mode, or ARM64 with cpu model {@code MAX} (LSE atomics).
     *
     * @throws UnicornUnavailableException if libunicorn &gt;= 2.1.4 cannot be loaded
     */
    public static Unicorn open(Arch arch) {
        Objects.requireNonNull(arch, "arch");
        UnicornLibrary.get(); // a clear message before any class that needs the library initialises
        Unicorn u = new Unicorn(arch);
        try {
            int ucArch = arch == Arch.X86_64 ? Uc.ARCH_X86 : Uc.ARCH_ARM64;
            int mode = arch == Arch.X86_64 ? Uc.MODE_64 : Uc.MODE_ARM;
            u.outBuf.set(JAVA_LONG, 0, 0L);
            int rc = Native.open(ucArch, mode, u.outAddr);
            if (rc != Uc.ERR_OK) {
                // The handle is not valid after a failed uc_open: never pass it anywhere.
                throw new UnicornException(rc, "uc_open(" + arch + ")");
            }
            u.uc = u.outBuf.get(JAVA_LONG, 0);
            if (arch == Arch.ARM64) {
                u.setCpuModel(Uc.CPU_ARM64_MAX);
            }
            // Force unicorn's lazy CPU initialisation now, outside any critical downcall.
            u.outBuf.set(JAVA_LONG, 0, 0L);
            u.check(Native.ctlPtr(u.uc, Uc.ctl(1 /* UC_CTL_UC_PAGE_SIZE */, 1, Uc.CTL_IO_READ), u.outAddr),
                    "uc_ctl(UC_CTL_UC_PAGE_SIZE)");
            return u;
        } catch (RuntimeException | Error e) {
            try {
                u.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public Arch arch() {
        return arch;
    }

    public boolean isClosed() {
        return uc == 0;
    }

    private long live() {
        long h = uc;
        if (h == 0) {
            throw new IllegalStateException("unicorn engine (" + arch + ") is closed");
        }
        return h;
    }

    private void check(int rc, String call) {
        if (rc != Uc.ERR_OK) {
            throw new UnicornException(rc, call);
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    // ---- control ------------------------------------------------------------------------

    /**
     * Selects how unicorn translates guest addresses: with {@code virtual}, every TLB miss goes
     * to the {@link #hookTlbFill TLB-fill hook} (mmulab's MMU) and memory hooks see physical
     * addresses; otherwise unicorn walks the guest page tables itself.
     */
    public void setTlbMode(boolean virtual) {
        long h = live();
        check(Native.ctlInt(h, Uc.ctl(Uc.CTL_TLB_TYPE, 1, Uc.CTL_IO_WRITE), virtual ? Uc.TLB_VIRTUAL : Uc.TLB_CPU),
                "uc_ctl(UC_CTL_TLB_TYPE, " + (virtual ? "UC_TLB_VIRTUAL" : "UC_TLB_CPU") + ")");
    }

    /** Drops unicorn's internal TLB, so the next access to every page asks the TLB-fill hook again. */
    public void flushTlb() {
        check(Native.ctl(live(), Uc.ctl(Uc.CTL_TLB_FLUSH, 0, Uc.CTL_IO_WRITE)), "uc_ctl(UC_CTL_TLB_FLUSH)");
    }

    /** Drops all translated code, e.g. after hooks were added for already-executed code. */
    public void flushTranslationBlocks() {
        check(Native.ctl(live(), Uc.ctl(Uc.CTL_TB_FLUSH, 0, Uc.CTL_IO_WRITE)), "uc_ctl(UC_CTL_TB_FLUSH)");
    }

    /** Drops translated code overlapping guest addresses {@code [begin, end)}. */
    public void flushTranslationBlocks(long begin, long end) {
        check(Native.ctlLong2(live(), Uc.ctl(Uc.CTL_TB_REMOVE_CACHE, 2, Uc.CTL_IO_WRITE), begin, end),
                "uc_ctl(UC_CTL_TB_REMOVE_CACHE, " + hex(begin) + ", " + hex(end) + ")");
    }

    /**
     * Sets the CPU model ({@code Uc.CPU_*}). Unicorn accepts this only before the CPU is
     * initialised, i.e. inside {@link #open}; later calls fail with {@code UC_ERR_ARG}.
     */
    public void setCpuModel(int model) {
        check(Native.ctlInt(live(), Uc.ctl(Uc.CTL_CPU_MODEL, 1, Uc.CTL_IO_WRITE), model),
                "uc_ctl(UC_CTL_CPU_MODEL, " + model + ")");
    }

    // ---- memory -------------------------------------------------------------------------

    /**
     * Maps guest physical {@code [address, address + backing.byteSize())} onto caller-owned
     * native memory. The guest and the caller then share it: guest stores appear in
     * {@code backing}, host stores are seen by the guest. The caller keeps ownership and must
     * keep it alive until {@link #memUnmap} or {@link #close} (the engine also holds a
     * reference so a GC-managed arena cannot free it early).
     */
    public void memMapPtr(long address, MemorySegment backing, int prot) {
        long h = live();
        Objects.requireNonNull(backing, "backing");
        if (!backing.isNative()) {
            throw new IllegalArgumentException("backing must be native memory, not a heap segment");
        }
        long size = backing.byteSize();
        if (size == 0 || (size & 0xfff) != 0 || (address & 0xfff) != 0) {
            throw new IllegalArgumentException("memMapPtr needs a 4 KiB aligned address and a size that is a"
                    + " non-zero multiple of 4 KiB: address " + hex(address) + ", size " + hex(size));
        }
        check(Native.memMapPtr(h, address, size, prot, backing.address()),
                "uc_mem_map_ptr(" + hex(address) + ", size " + hex(size) + ", prot " + prot + ")");
        backings.put(address, backing);
    }

    /** Maps memory that unicorn allocates and owns (zero-filled). */
    public void memMap(long address, long size, int prot) {
        check(Native.memMap(live(), address, size, prot),
                "uc_mem_map(" + hex(address) + ", size " + hex(size) + ", prot " + prot + ")");
    }

    public void memUnmap(long address, long size) {
        check(Native.memUnmap(live(), address, size), "uc_mem_unmap(" + hex(address) + ", size " + hex(size) + ")");
        long end = address + size;
        backings.entrySet().removeIf(e -> e.getKey() >= address
                && Long.compareUnsigned(e.getKey() + e.getValue().byteSize(), end) <= 0);
    }

    public void memProtect(long address, long size, int prot) {
        check(Native.memProtect(live(), address, size, prot),
                "uc_mem_protect(" + hex(address) + ", size " + hex(size) + ", prot " + prot + ")");
    }

    /** Reads guest physical memory (unicorn's address space, no translation, no hooks). */
    public void memRead(long address, byte[] dst) {
        long h = live();
        check(Native.memRead(h, address, MemorySegment.ofArray(dst), dst.length),
                "uc_mem_read(" + hex(address) + ", " + dst.length + ")");
    }

    public byte[] memRead(long address, int len) {
        byte[] b = new byte[len];
        memRead(address, b);
        return b;
    }

    /** Writes guest physical memory; translated code covering it is invalidated by unicorn. */
    public void memWrite(long address, byte[] src) {
        long h = live();
        check(Native.memWrite(h, address, MemorySegment.ofArray(src), src.length),
                "uc_mem_write(" + hex(address) + ", " + src.length + ")");
    }

    /** Reads one little-endian 64-bit word of guest physical memory without allocating. */
    public long memReadLong(long address) {
        long h = live();
        check(Native.memReadPtr(h, address, regAddr, 8), "uc_mem_read(" + hex(address) + ", 8)");
        return regBuf.get(JAVA_LONG, 0);
    }

    /** Writes one little-endian 64-bit word of guest physical memory without allocating. */
    public void memWriteLong(long address, long value) {
        long h = live();
        regBuf.set(JAVA_LONG, 0, value);
        check(Native.memWritePtr(h, address, regAddr, 8), "uc_mem_write(" + hex(address) + ", 8)");
    }

    // ---- registers ----------------------------------------------------------------------

    private RegSpec spec(Reg reg) {
        RegSpec s = switch (reg) {
            case X86Reg r -> r.spec;
            case Arm64Reg r -> r.spec;
        };
        if (reg.arch() != arch) {
            throw new IllegalArgumentException(reg.name() + " is an " + reg.arch() + " register, this engine is " + arch);
        }
        return s;
    }

    /** Reads a register as a 64-bit value (narrower registers zero-extended). Allocation-free. */
    public long readReg(Reg reg) {
        long h = live();
        RegSpec s = spec(reg);
        MemorySegment b = regBuf;
        switch (s.kind) {
            case RegSpec.PLAIN -> {
                b.set(JAVA_LONG, 0, 0L);
                regRead(h, s.id, reg);
                return b.get(JAVA_LONG, 0);
            }
            case RegSpec.MSR -> {
                b.set(JAVA_LONG, 0, 0L);
                b.set(JAVA_INT, 0, s.msr);
                b.set(JAVA_LONG, MSR_VALUE, 0L);
                regRead(h, s.id, reg);
                return b.get(JAVA_LONG, MSR_VALUE);
            }
            case RegSpec.MMR_BASE, RegSpec.MMR_LIMIT -> {
                b.fill((byte) 0);
                regRead(h, s.id, reg);
                return s.kind == RegSpec.MMR_BASE ? b.get(JAVA_LONG, MMR_BASE) : Integer.toUnsignedLong(b.get(JAVA_INT, MMR_LIMIT));
            }
            case RegSpec.CP -> {
                setCp(b, s);
                b.set(JAVA_LONG, CP_VAL, 0L);
                regRead(h, s.id, reg);
                return b.get(JAVA_LONG, CP_VAL);
            }
            case RegSpec.CURRENT_EL -> {
                b.set(JAVA_LONG, 0, 0L);
                regRead(h, s.id, reg);
                return b.get(JAVA_LONG, 0) & 0xc;
            }
            default -> throw new AssertionError(s.kind);
        }
    }

    /** Writes a register from a 64-bit value (narrower registers take the low bits). Allocation-free. */
    public void writeReg(Reg reg, long value) {
        long h = live();
        RegSpec s = spec(reg);
        if (!s.writable) {
            throw new UnsupportedOperationException(reg.name() + " is read-only through unicorn");
        }
        MemorySegment b = regBuf;
        switch (s.kind) {
            case RegSpec.PLAIN -> {
                b.set(JAVA_LONG, 0, value);
                regWrite(h, s.id, reg);
            }
            case RegSpec.MSR -> {
                b.set(JAVA_LONG, 0, 0L);
                b.set(JAVA_INT, 0, s.msr);
                b.set(JAVA_LONG, MSR_VALUE, value);
                regWrite(h, s.id, reg);
            }
            case RegSpec.MMR_BASE, RegSpec.MMR_LIMIT -> {
                b.fill((byte) 0);
                regRead(h, s.id, reg);
                if (s.kind == RegSpec.MMR_BASE) {
                    b.set(JAVA_LONG, MMR_BASE, value);
                } else {
                    b.set(JAVA_INT, MMR_LIMIT, (int) value);
                }
                regWrite(h, s.id, reg);
            }
            case RegSpec.CP -> {
                setCp(b, s);
                b.set(JAVA_LONG, CP_VAL, value);
                regWrite(h, s.id, reg);
            }
            default -> throw new AssertionError(s.kind);
        }
    }

    private static void setCp(MemorySegment b, RegSpec s) {
        b.set(JAVA_INT, CP_CRN, s.crn);
        b.set(JAVA_INT, CP_CRM, s.crm);
        b.set(JAVA_INT, CP_OP0, s.op0);
        b.set(JAVA_INT, CP_OP1, s.op1);
        b.set(JAVA_INT, CP_OP2, s.op2);
        b.set(JAVA_INT, CP_OP2 + 4, 0);
    }

    private void regRead(long h, int id, Reg reg) {
        int rc = Native.regRead(h, id, regAddr);
        if (rc != Uc.ERR_OK) {
            throw new UnicornException(rc, "uc_reg_read(" + reg.name() + ")");
        }
    }

    private void regWrite(long h, int id, Reg reg) {
        int rc = Native.regWrite(h, id, regAddr);
        if (rc != Uc.ERR_OK) {
            throw new UnicornException(rc, "uc_reg_write(" + reg.name() + ")");
        }
    }

    /** The program counter (RIP or PC). */
    public long pc() {
        return readReg(arch == Arch.X86_64 ? X86Reg.RIP : Arm64Reg.PC);
    }

    // ---- running ------------------------------------------------------------------------

    /**
     * Runs the CPU from {@code begin} until the PC reaches {@code until}, {@code count}
     * instructions have run (0: no limit), {@code timeoutMicros} have passed (0: none), an
     * error occurs or a hook calls {@link #emuStop}. Hooks run on the calling thread.
     *
     * @throws HookFailedException if a hook threw during this run (the first throwable is the cause)
     * @throws UnicornException if emulation ended with an error (unmapped access, invalid
     *     instruction, unhandled exception...)
     */
    public void emuStart(long begin, long until, long timeoutMicros, long count) {
        int rc = tryEmuStart(begin, until, timeoutMicros, count);
        if (rc != Uc.ERR_OK) {
            String pc;
            try {
                pc = ", pc " + hex(pc());
            } catch (RuntimeException ex) {
                pc = "";
            }
            throw new UnicornException(rc, "uc_emu_start(begin " + hex(begin) + ", until " + hex(until)
                    + ", timeout " + timeoutMicros + "us, count " + count + pc + ")");
        }
    }

    /**
     * {@link #emuStart} that returns unicorn's error code ({@code Uc.ERR_OK} = 0) instead of
     * throwing it, for callers that treat some endings as normal control flow: a TLB fill that
     * returned false ends the run with {@code Uc.ERR_EXCEPTION} and the PC on the faulting
     * instruction, and the caller then raises the architectural fault itself.
     *
     * @throws HookFailedException if a hook threw during this run (also when unicorn reported an
     *     error, which is then attached as suppressed)
     */
    public int tryEmuStart(long begin, long until, long timeoutMicros, long count) {
        long h = live();
        int rc;
        running++;
        try {
            rc = Native.emuStart(h, begin, until, timeoutMicros, count);
        } finally {
            running--;
        }
        Throwable failure = hookFailure;
        if (failure != null) {
            Hook hook = failedHook;
            long pc = failurePc;
            hookFailure = null;
            failedHook = null;
            HookFailedException e = new HookFailedException(
                    (hook == null ? "hook" : hook.kind.name().toLowerCase(java.util.Locale.ROOT) + " hook")
                            + " threw at pc " + hex(pc) + " on " + arch + ": " + failure, failure);
            if (rc != Uc.ERR_OK) {
                e.addSuppressed(new UnicornException(rc, "uc_emu_start(" + hex(begin) + ")"));
            }
            throw e;
        }
        return rc;
    }

    /**
     * Asks the running CPU to stop. From a memory hook the current instruction is abandoned and
     * re-executes (its hook fires again) at the next {@code emuStart} from the PC register.
     */
    public void emuStop() {
        check(Native.emuStop(live()), "uc_emu_stop");
    }

    /** Whether the calling code is inside this engine's {@link #emuStart} (i.e. in a hook). */
    public boolean isRunning() {
        return running > 0;
    }

    /** Called by an upcall whose body threw: remember the first failure, stop the CPU. Never throws. */
    void hookFailed(Hook h, Throwable t) {
        long handle = uc;
        if (hookFailure == null) {
            hookFailure = t;
            failedHook = h;
            failurePc = 0;
            if (handle != 0) {
                try {
                    failurePc = pc();
                } catch (Throwable ignored) {
                    // the PC is only decoration for the report
                }
            }
        }
        if (handle != 0) {
            Native.emuStop(handle);
        }
    }

    // ---- hooks --------------------------------------------------------------------------

    /** Calls {@code h} before each instruction whose address is in {@code [begin, end]} (begin &gt; end: all). */
    public Hook hookCode(long begin, long end, CodeHook h) {
        return add(Hook.Kind.CODE, Uc.HOOK_CODE, Upcalls.CODE_STUB, begin, end, h, -1);
    }

    /** Calls {@code h} at the start of each basic block in {@code [begin, end]}. */
    public Hook hookBlock(long begin, long end, CodeHook h) {
        return add(Hook.Kind.BLOCK, Uc.HOOK_BLOCK, Upcalls.CODE_STUB, begin, end, h, -1);
    }

    /**
     * Calls {@code h} for successful accesses of the given kinds ({@code Uc.HOOK_MEM_READ},
     * {@code HOOK_MEM_WRITE}, {@code HOOK_MEM_FETCH}, {@code HOOK_MEM_READ_AFTER}, or'ed) to
     * addresses in {@code [begin, end]} (physical in TLB-virtual mode).
     */
    public Hook hookMem(int ucHookTypes, long begin, long end, MemHook h) {
        if (ucHookTypes == 0 || (ucHookTypes & ~Uc.HOOK_MEM_VALID) != 0) {
            throw new IllegalArgumentException("hookMem takes HOOK_MEM_READ/WRITE/FETCH/READ_AFTER bits, got 0x"
                    + Integer.toHexString(ucHookTypes) + " (use hookMemInvalid for unmapped/protection events)");
        }
        return add(Hook.Kind.MEM, ucHookTypes, Upcalls.MEM_STUB, begin, end, h, -1);
    }

    /** Calls {@code h} for failed accesses ({@code Uc.HOOK_MEM_*_UNMAPPED} / {@code *_PROT} bits). */
    public Hook hookMemInvalid(int ucHookTypes, long begin, long end, MemEventHook h) {
        if (ucHookTypes == 0 || (ucHookTypes & ~Uc.HOOK_MEM_INVALID) != 0) {
            throw new IllegalArgumentException("hookMemInvalid takes HOOK_MEM_*_UNMAPPED/*_PROT bits, got 0x"
                    + Integer.toHexString(ucHookTypes));
        }
        return add(Hook.Kind.MEM_INVALID, ucHookTypes, Upcalls.MEM_INVALID_STUB, begin, end, h, -1);
    }

    public Hook hookInterrupt(InterruptHook h) {
        return add(Hook.Kind.INTERRUPT, Uc.HOOK_INTR, Upcalls.INTERRUPT_STUB, 1, 0, h, -1);
    }

    /** x86 only: every {@code out} instruction. */
    public Hook hookOut(OutHook h) {
        requireX86("hookOut");
        return add(Hook.Kind.OUT, Uc.HOOK_INSN, Upcalls.OUT_STUB, 1, 0, h, Uc.X86_INS_OUT);
    }

    /** x86 only: every {@code in} instruction; the hook's return value is what the guest reads. */
    public Hook hookIn(InHook h) {
        requireX86("hookIn");
        return add(Hook.Kind.IN, Uc.HOOK_INSN, Upcalls.IN_STUB, 1, 0, h, Uc.X86_INS_IN);
    }

    /**
     * Translation requests in {@link #setTlbMode TLB-virtual mode}, for all addresses. Unicorn
     * asks per page (the vaddr passed is page-aligned) and again when an access needs a
     * permission the cached entry lacks (so a write after a read-only fill comes back as a
     * WRITE fill). Returning false does not raise a guest fault: the run ends with
     * {@code UC_ERR_EXCEPTION} and the PC on the access (see {@link #tryEmuStart}).
     */
    public Hook hookTlbFill(TlbFillHook h) {
        return add(Hook.Kind.TLB_FILL, Uc.HOOK_TLB_FILL, Upcalls.TLB_FILL_STUB, 1, 0, h, -1);
    }

    public Hook hookInvalidInstruction(InvalidInstructionHook h) {
        return add(Hook.Kind.INVALID_INSN, Uc.HOOK_INSN_INVALID, Upcalls.INVALID_INSN_STUB, 1, 0, h, -1);
    }

    /**
     * ARM64 only: {@code insn} is {@code Uc.ARM64_INS_MRS}, {@code _MSR}, {@code _SYS} or
     * {@code _SYSL}; {@code h} sees those instructions at addresses in {@code [begin, end]}
     * (begin &gt; end: all). One such hook per instruction takes effect.
     */
    public Hook hookArm64Sys(int insn, long begin, long end, Arm64SysHook h) {
        if (arch != Arch.ARM64) {
            throw new UnsupportedOperationException("hookArm64Sys exists only on arm64");
        }
        if (insn < Uc.ARM64_INS_MRS || insn > Uc.ARM64_INS_SYSL) {
            throw new IllegalArgumentException("not an ARM64_INS_* id: " + insn);
        }
        return add(Hook.Kind.ARM64_SYS, Uc.HOOK_INSN, Upcalls.ARM64_SYS_STUB, begin, end, h, insn);
    }

    private void requireX86(String what) {
        if (arch != Arch.X86_64) {
            throw new UnsupportedOperationException(what + " exists only on x86_64");
        }
    }

    private Hook add(Hook.Kind kind, int type, long stub, long begin, long end, Object target, int insn) {
        long h = live();
        Objects.requireNonNull(target, "hook");
        Hook hook = new Hook(this, kind, target);
        int slot = Upcalls.register(hook);
        outBuf.set(JAVA_LONG, 0, 0L);
        int rc;
        try {
            rc = insn < 0
                    ? Native.hookAdd(h, outAddr, type, stub, slot, begin, end)
                    : Native.hookAddInsn(h, outAddr, type, stub, slot, begin, end, insn);
        } catch (RuntimeException | Error e) {
            Upcalls.release(hook);
            throw e;
        }
        if (rc != Uc.ERR_OK) {
            Upcalls.release(hook);
            throw new UnicornException(rc, "uc_hook_add(" + kind + ", type 0x" + Integer.toHexString(type)
                    + ", " + hex(begin) + ".." + hex(end) + ")");
        }
        hook.ucHook = outBuf.get(JAVA_LONG, 0);
        hooks.add(hook);
        return hook;
    }

    /** Removes a hook of this engine; removing it twice is a no-op. */
    public void removeHook(Hook hook) {
        Objects.requireNonNull(hook, "hook");
        if (hook.engine != this) {
            throw new IllegalArgumentException(hook + " belongs to another engine");
        }
        if (!hook.isActive()) {
            return;
        }
        long h = live();
        check(Native.hookDel(h, hook.ucHook), "uc_hook_del(" + hook.kind + ")");
        hook.ucHook = 0;
        Upcalls.release(hook);
        hooks.remove(hook);
    }

    // ---- contexts -----------------------------------------------------------------------

    /** Saves the CPU state into a new context (free it with {@link Context#close()}). */
    public Context saveContext() {
        long h = live();
        outBuf.set(JAVA_LONG, 0, 0L);
        check(Native.contextAlloc(h, outAddr), "uc_context_alloc");
        Context c = new Context(arch, outBuf.get(JAVA_LONG, 0));
        try {
            saveContext(c);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Saves the CPU state into an existing context of the same architecture (no allocation). */
    public void saveContext(Context c) {
        long h = live();
        requireSameArch(c);
        check(Native.contextSave(h, c.ptr()), "uc_context_save");
    }

    public void restoreContext(Context c) {
        long h = live();
        requireSameArch(c);
        check(Native.contextRestore(h, c.ptr()), "uc_context_restore");
    }

    private void requireSameArch(Context c) {
        Objects.requireNonNull(c, "context");
        if (c.arch() != arch) {
            throw new IllegalArgumentException("context of " + c.arch() + " used on a " + arch + " engine");
        }
    }

    // ---- lifetime -----------------------------------------------------------------------

    /**
     * Closes the engine and releases its hooks' registry slots and scratch memory; idempotent.
     * Not allowed from inside one of this engine's hooks. Contexts stay valid until closed.
     * There are no per-engine upcall stubs to free (they are shared, see {@code Upcalls}); an
     * engine with hooks that is never closed stays reachable from the hook registry, so it
     * leaks rather than being collected under unicorn's feet.
     */
    @Override
    public void close() {
        long h = uc;
        if (h == 0 && !arena.scope().isAlive()) {
            return;
        }
        if (running > 0) {
            throw new IllegalStateException("close() called from inside a hook of this engine");
        }
        uc = 0;
        for (Hook hook : hooks) {
            hook.ucHook = 0;
            Upcalls.release(hook);
        }
        hooks.clear();
        int rc = h == 0 ? Uc.ERR_OK : Native.close(h);
        backings.clear();
        arena.close();
        if (rc != Uc.ERR_OK) {
            throw new UnicornException(rc, "uc_close");
        }
    }

    @Override
    public String toString() {
        return "Unicorn[" + arch + (uc == 0 ? ", closed" : "") + "]";
    }
}
