package io.mmulab.emulator.unicorn;

import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The native entry points of every hook, and the registry that maps unicorn's user-data
 * word back to the Java {@link Hook}.
 *
 * <p>Binding choice: one upcall stub per callback <em>shape</em>, created once per JVM in the
 * global arena, with the hook found through its registry slot (the user-data pointer is a
 * small integer, not an address). Compared with one stub per registration this costs an
 * array load per call but spins no code per {@code hookXxx} call (stub creation takes
 * tens of microseconds and generates classes), and a stub can never be freed while unicorn
 * still holds it: there is nothing to free. Engines therefore own no upcall memory.
 *
 * <p>Every entry point catches {@link Throwable}: an exception that unwinds into native code
 * terminates the JVM. A failure is recorded on the engine, which then calls
 * {@code uc_emu_stop}; the entry returns a neutral value; {@link Unicorn#emuStart} rethrows
 * it as {@link HookFailedException}. Pointer parameters are declared {@code JAVA_LONG}
 * (see {@link Native}) so that no MemorySegment is created per call.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class Upcalls {
    private Upcalls() {}

    // ---- registry -----------------------------------------------------------------------
    // Slot 0 is never used, so user data 0 (NULL) can never name a hook.
    private static volatile Hook[] slots = new Hook[64];
    private static int[] free = new int[64];
    private static int freeCount;
    private static int nextSlot = 1;

    static synchronized int register(Hook h) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            slot = nextSlot++;
            if (slot >= slots.length) {
                slots = Arrays.copyOf(slots, slots.length * 2);
            }
        }
        Hook[] s = slots;
        s[slot] = h;
        slots = s; // volatile write publishes the element store
        h.slot = slot;
        return slot;
    }

    static synchronized void release(Hook h) {
        int slot = h.slot;
        if (slot <= 0) {
            return;
        }
        Hook[] s = slots;
        s[slot] = null;
        slots = s;
        h.slot = 0;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = slot;
    }

    private static Hook lookup(long userData) {
        Hook[] s = slots;
        return userData > 0 && userData < s.length ? s[(int) userData] : null;
    }

    private static void failed(Hook h, long uc, Throwable t) {
        try {
            if (h != null) {
                h.engine.hookFailed(h, t);
            } else {
                Native.emuStop(uc);
            }
        } catch (Throwable ignored) {
            // Nothing may escape an upcall; the engine has already been asked to stop if possible.
        }
    }

    // ---- entry points (one per C callback type) -------------------------------------------

    /** {@code void (*)(uc_engine*, uint64_t address, uint32_t size, void*)}: code and block hooks. */
    static void code(long uc, long address, int size, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            if (h != null) {
                ((CodeHook) h.target).onCode(address, size);
            }
        } catch (Throwable t) {
            failed(h, uc, t);
        }
    }

    /** {@code void (*)(uc_engine*, uc_mem_type, uint64_t address, int size, int64_t value, void*)}. */
    static void mem(long uc, int type, long address, int size, long value, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            if (h != null) {
                ((MemHook) h.target).onAccess(MemAccess.ofUc(type), address, size, value);
            }
        } catch (Throwable t) {
            failed(h, uc, t);
        }
    }

    /** {@code bool (*)(uc_engine*, uc_mem_type, uint64_t, int, int64_t, void*)}: invalid accesses. */
    static boolean memInvalid(long uc, int type, long address, int size, long value, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            return h != null && ((MemEventHook) h.target).onInvalidAccess(MemAccess.ofUc(type), address, size, value);
        } catch (Throwable t) {
            failed(h, uc, t);
            return false;
        }
    }

    /** {@code void (*)(uc_engine*, uint32_t intno, void*)}. */
    static void interrupt(long uc, int intno, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            if (h != null) {
                ((InterruptHook) h.target).onInterrupt(intno);
            }
        } catch (Throwable t) {
            failed(h, uc, t);
        }
    }

    /** {@code void (*)(uc_engine*, uint32_t port, int size, uint32_t value, void*)}. */
    static void out(long uc, int port, int size, int value, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            if (h != null) {
                ((OutHook) h.target).onOut(port, size, value);
            }
        } catch (Throwable t) {
            failed(h, uc, t);
        }
    }

    /** {@code uint32_t (*)(uc_engine*, uint32_t port, int size, void*)}. */
    static int in(long uc, int port, int size, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            return h == null ? 0 : ((InHook) h.target).onIn(port, size);
        } catch (Throwable t) {
            failed(h, uc, t);
            return 0;
        }
    }

    /** {@code bool (*)(uc_engine*, uint64_t vaddr, uc_mem_type, uc_tlb_entry*, void*)}. */
    static boolean tlbFill(long uc, long vaddr, int type, long entry, long userData) {
        Hook h = null;
        TlbEntry e = null;
        long outer = 0; // a fill can nest if the hook itself makes unicorn translate
        try {
            h = lookup(userData);
            if (h == null) {
                return false;
            }
            e = h.engine.tlbEntry;
            outer = e.address;
            e.address = entry;
            return ((TlbFillHook) h.target).onTlbFill(vaddr, MemAccess.ofUc(type), e);
        } catch (Throwable t) {
            failed(h, uc, t);
            return false;
        } finally {
            if (e != null) {
                e.address = outer;
            }
        }
    }

    /** {@code bool (*)(uc_engine*, void*)}. */
    static boolean invalidInsn(long uc, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            return h != null && ((InvalidInstructionHook) h.target).onInvalidInstruction();
        } catch (Throwable t) {
            failed(h, uc, t);
            return false;
        }
    }

    /** {@code uint32_t (*)(uc_engine*, uc_arm64_reg reg, const uc_arm64_cp_reg*, void*)}. */
    static int arm64Sys(long uc, int reg, long cpReg, long userData) {
        Hook h = null;
        try {
            h = lookup(userData);
            if (h == null) {
                return 0;
            }
            int rt = reg >= X0 && reg <= X0 + 28 ? reg - X0 : reg == X29 ? 29 : reg == X30 ? 30 : 31;
            MemorySegment all = Native.ALL;
            boolean skip = ((Arm64SysHook) h.target).onSys(rt,
                    all.get(JAVA_INT, cpReg + 8), all.get(JAVA_INT, cpReg + 12),
                    all.get(JAVA_INT, cpReg), all.get(JAVA_INT, cpReg + 4), all.get(JAVA_INT, cpReg + 16),
                    all.get(JAVA_LONG, cpReg + 24));
            return skip ? 1 : 0;
        } catch (Throwable t) {
            failed(h, uc, t);
            return 0;
        }
    }

    private static final int X0 = 199, X29 = 1, X30 = 2;

    // ---- the stubs --------------------------------------------------------------------------

    static final long CODE_STUB = stub("code", FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG));
    static final long MEM_STUB = stub("mem",
            FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final long MEM_INVALID_STUB = stub("memInvalid",
            FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final long INTERRUPT_STUB = stub("interrupt", FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_INT, JAVA_LONG));
    static final long OUT_STUB = stub("out", FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    static final long IN_STUB = stub("in", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG));
    static final long TLB_FILL_STUB = stub("tlbFill",
            FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final long ARM64_SYS_STUB = stub("arm64Sys", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final long INVALID_INSN_STUB = stub("invalidInsn", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_LONG, JAVA_LONG));

    private static long stub(String method, FunctionDescriptor fd) {
        try {
            MethodType type = fd.toMethodType();
            var target = MethodHandles.lookup().findStatic(Upcalls.class, method, type);
            return Native.LINKER.upcallStub(target, fd, Arena.global()).address();
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("upcall target " + method, e);
        }
    }
}
