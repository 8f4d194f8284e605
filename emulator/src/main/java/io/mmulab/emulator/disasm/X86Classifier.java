package io.mmulab.emulator.disasm;

import static io.mmulab.emulator.disasm.InsnKind.ATOMIC_RMW;
import static io.mmulab.emulator.disasm.InsnKind.EXCEPTION_RETURN;
import static io.mmulab.emulator.disasm.InsnKind.FENCE;
import static io.mmulab.emulator.disasm.InsnKind.HALT_WAIT;
import static io.mmulab.emulator.disasm.InsnKind.HYPERCALL;
import static io.mmulab.emulator.disasm.InsnKind.IRQ_MASK;
import static io.mmulab.emulator.disasm.InsnKind.SYNC_BARRIER;
import static io.mmulab.emulator.disasm.InsnKind.TLB_MAINTENANCE;
import static io.mmulab.emulator.disasm.InsnKind.TRANSLATION_CONTROL;

import java.util.EnumSet;
import java.util.Set;

/**
 * x86-64 classification from the encoding (legacy prefixes, REX, opcode, ModRM). Capstone
 * supplies the boundaries; the bytes decide, so the result does not depend on its syntax.
 * Not classified: {@code wrmsr} (which MSR is written is only known at run time), {@code syscall}
 * and {@code int} (ordinary guest control flow), port I/O other than the hypercall port.
 */
final class X86Classifier {
    /** {@code MMULAB_HC_PORT} of kernel-model's {@code mmulab/hypercall.h}. */
    static final int HYPERCALL_PORT = 0x4d;

    private X86Classifier() {
    }

    static Classification classify(Instruction insn) {
        byte[] b = insn.bytes();
        if (insn.undecoded()) {
            return Classification.NONE;
        }
        boolean lock = false, rep = false, repne = false, opsize = false;
        int i = 0;
        prefixes:
        for (; i < b.length; i++) {
            switch (b[i] & 0xff) {
                case 0xF0 -> lock = true;
                case 0xF3 -> rep = true;
                case 0xF2 -> repne = true;
                case 0x66 -> opsize = true;
                case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x67 -> { }
                default -> {
                    break prefixes;
                }
            }
        }
        int rex = i < b.length && (b[i] & 0xF0) == 0x40 ? b[i++] & 0xff : 0;
        if (i >= b.length) {
            return Classification.NONE;
        }
        int op = b[i] & 0xff;
        int next = i + 1 < b.length ? b[i + 1] & 0xff : -1;
        if (op == 0x0F) {
            int modrm = i + 2 < b.length ? b[i + 2] & 0xff : -1;
            Classification c = twoByte(next, modrm, i + 3 < b.length ? b[i + 3] & 0xff : -1, rex, opsize, rep, repne);
            if (c != null) {
                return c;
            }
        }
        if (lock) {
            return atomic(insn.mnemonic().startsWith("lock") ? insn.mnemonic() : "lock " + insn.mnemonic());
        }
        boolean w = (rex & 8) != 0;
        return switch (op) {
            case 0x86, 0x87 -> next >= 0 && next >>> 6 != 3 ? atomic(insn.mnemonic()) : Classification.NONE;
            case 0xFA -> Classification.of(IRQ_MASK, "cli");
            case 0xFB -> Classification.of(IRQ_MASK, "sti");
            case 0x9D -> Classification.of(IRQ_MASK, "popf");
            case 0xF4 -> Classification.of(HALT_WAIT, "hlt");
            case 0x90 -> rep && (rex & 1) == 0 ? Classification.of(HALT_WAIT, "pause") : Classification.NONE;
            case 0xCF -> exceptionReturn(w ? "iretq" : "iret");
            case 0xE7 -> !opsize && next == HYPERCALL_PORT
                    ? Classification.of(HYPERCALL, "outl $0x4d") : Classification.NONE;
            default -> Classification.NONE;
        };
    }

    /** Every x86 locked instruction (and xchg with memory, locked implicitly) is a full barrier. */
    private static Classification atomic(String detail) {
        return Classification.of(Set.of(ATOMIC_RMW), Ordering.ACQ_REL, FenceKind.FULL, false, detail);
    }

    /** iret/sysret reload RFLAGS, so they may set IF as well. */
    private static Classification exceptionReturn(String detail) {
        return Classification.of(EnumSet.of(EXCEPTION_RETURN, IRQ_MASK), Ordering.RELAXED, FenceKind.NONE, false, detail);
    }

    private static Classification fence(FenceKind kind, String detail) {
        return Classification.of(Set.of(FENCE), Ordering.RELAXED, kind, false, detail);
    }

    /** The 0F map; null when nothing here matches (the caller still checks for lock). */
    private static Classification twoByte(int op, int modrm, int after, int rex, boolean opsize, boolean rep,
                                          boolean repne) {
        int mod = modrm >>> 6, reg = (modrm >>> 3) & 7;
        boolean plain = !opsize && !rep && !repne;
        switch (op) {
            case 0xAE:
                if (modrm < 0 || mod != 3) {
                    return null;
                }
                if (plain) {
                    return switch (reg) {
                        case 5 -> fence(FenceKind.LOAD_LOAD_STORE, "lfence");
                        case 6 -> fence(FenceKind.FULL, "mfence");
                        case 7 -> fence(FenceKind.STORE_STORE, "sfence");
                        default -> null;
                    };
                }
                if (reg == 6 && (opsize || repne)) {
                    return Classification.of(HALT_WAIT, opsize ? "tpause" : "umwait");
                }
                return null;
            case 0x01:
                if (modrm >= 0 && mod != 3 && reg == 7) {
                    return Classification.of(TLB_MAINTENANCE, "invlpg");
                }
                return switch (modrm) {
                    case 0xC9 -> Classification.of(HALT_WAIT, "mwait");
                    case 0xFB -> Classification.of(HALT_WAIT, "mwaitx");
                    // SMAP: EFLAGS.AC decides whether the kernel may touch user pages.
                    case 0xCA -> Classification.of(TRANSLATION_CONTROL, "clac");
                    case 0xCB -> Classification.of(TRANSLATION_CONTROL, "stac");
                    // AMD broadcast invalidation and its completion wait.
                    case 0xFE -> Classification.of(Set.of(TLB_MAINTENANCE), Ordering.RELAXED, FenceKind.NONE, true,
                            "invlpgb");
                    case 0xFF -> Classification.of(SYNC_BARRIER, "tlbsync");
                    default -> null;
                };
            case 0x22: {
                if (modrm < 0) {
                    return null;
                }
                int cr = reg | (rex & 4) << 1;
                return switch (cr) {
                    // A CR3 write drops every non-global entry (of that PCID, unless bit 63 is set).
                    case 3 -> Classification.of(EnumSet.of(TRANSLATION_CONTROL, TLB_MAINTENANCE), Ordering.RELAXED,
                            FenceKind.NONE, false, "mov cr3");
                    // CR0 (PG, WP) and CR4 (PGE, PCIDE, SMEP, SMAP...): toggling PGE/PCIDE also flushes,
                    // which depends on the value and is left to the handler.
                    case 0, 4 -> Classification.of(TRANSLATION_CONTROL, "mov cr" + cr);
                    case 8 -> Classification.of(IRQ_MASK, "mov cr8"); // task priority: masks by vector
                    default -> null;
                };
            }
            case 0x07:
                return exceptionReturn((rex & 8) != 0 ? "sysretq" : "sysretl");
            case 0x35:
                return exceptionReturn("sysexit");
            case 0x38:
                return modrm == 0x82 && opsize && after >= 0 && after >>> 6 != 3
                        ? Classification.of(TLB_MAINTENANCE, "invpcid") : null;
            default:
                return null;
        }
    }
}
