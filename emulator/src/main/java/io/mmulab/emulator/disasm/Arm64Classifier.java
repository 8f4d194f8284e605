package io.mmulab.emulator.disasm;

import static io.mmulab.emulator.disasm.InsnKind.ATOMIC_RMW;
import static io.mmulab.emulator.disasm.InsnKind.CLEAR_EXCLUSIVE;
import static io.mmulab.emulator.disasm.InsnKind.EVENT_SIGNAL;
import static io.mmulab.emulator.disasm.InsnKind.EXCEPTION_RETURN;
import static io.mmulab.emulator.disasm.InsnKind.FENCE;
import static io.mmulab.emulator.disasm.InsnKind.HALT_WAIT;
import static io.mmulab.emulator.disasm.InsnKind.HYPERCALL;
import static io.mmulab.emulator.disasm.InsnKind.IRQ_MASK;
import static io.mmulab.emulator.disasm.InsnKind.LOAD_ACQUIRE;
import static io.mmulab.emulator.disasm.InsnKind.LOAD_EXCLUSIVE;
import static io.mmulab.emulator.disasm.InsnKind.STORE_EXCLUSIVE;
import static io.mmulab.emulator.disasm.InsnKind.STORE_RELEASE;
import static io.mmulab.emulator.disasm.InsnKind.SYNC_BARRIER;
import static io.mmulab.emulator.disasm.InsnKind.TLB_MAINTENANCE;
import static io.mmulab.emulator.disasm.InsnKind.TRANSLATION_CONTROL;

import java.util.EnumSet;
import java.util.Set;

/**
 * ARM64 classification from the 32-bit encoding alone (masks from the Arm ARM's A64 encoding
 * index), so it does not depend on which capstone decodes the text or how it spells it.
 */
final class Arm64Classifier {
    private static final String[] BARRIER_OPTION = {
        "#0", "oshld", "oshst", "osh", "#4", "nshld", "nshst", "nsh",
        "#8", "ishld", "ishst", "ish", "#12", "ld", "st", "sy"};
    private static final String[] LSE_OP = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

    private Arm64Classifier() {
    }

    static Classification classify(Instruction insn) {
        byte[] b = insn.bytes();
        if (b.length != 4) {
            return Classification.NONE;
        }
        return classify((b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24);
    }

    static Classification classify(int w) {
        if ((w & 0x3F000000) == 0x08000000) {
            return exclusiveOrOrdered(w);
        }
        if ((w & 0x3F200C00) == 0x38200000) {
            return lse(w);
        }
        if ((w & 0x3F200C00) == 0x19000000) {
            return rcpcUnscaled(w);
        }
        if ((w & 0xFFFFF01F) == 0xD503301F) {
            return barrier(w);
        }
        if ((w & 0xFFFFF01F) == 0xD503201F) {
            return hint((w >>> 5) & 0x7F);
        }
        if ((w & 0xFFFFFFC0) == 0xD5031000) { // FEAT_WFxT
            return Classification.of(HALT_WAIT, (w & 0x20) == 0 ? "wfet" : "wfit");
        }
        if ((w & 0xFFF8F01F) == 0xD500401F) {
            return msrImmediate((w >>> 16) & 7, (w >>> 8) & 0xF, (w >>> 5) & 7);
        }
        if ((w & 0xFFF80000) == 0xD5080000) {
            return sys(w);
        }
        if ((w & 0xFFF00000) == 0xD5100000) {
            return msrRegister((w >>> 5) & 0xFFFF, w & 0x1F);
        }
        if (w == 0xD69F03E0 || w == 0xD69F0BFF || w == 0xD69F0FFF) { // eret, eretaa, eretab
            // Restores PSTATE.DAIF from SPSR, so it can unmask interrupts too.
            return Classification.of(EnumSet.of(EXCEPTION_RETURN, IRQ_MASK), Ordering.RELAXED, FenceKind.NONE, false,
                    w == 0xD69F03E0 ? "eret" : (w & 0x400) == 0 ? "eretaa" : "eretab");
        }
        if ((w & 0xFFE0001F) == 0xD4000002) {
            return Classification.of(HYPERCALL, "hvc #" + ((w >>> 5) & 0xFFFF));
        }
        return Classification.NONE;
    }

    private static String sizeSuffix(int w) {
        return switch (w >>> 30) {
            case 0 -> "b";
            case 1 -> "h";
            default -> "";
        };
    }

    private static Classification access(InsnKind kind, boolean acquire, boolean release, String detail) {
        return Classification.of(Set.of(kind), Ordering.of(acquire, release), FenceKind.NONE, false, detail);
    }

    /** Load/store exclusive, load-acquire/store-release, CAS and CASP share one encoding group. */
    private static Classification exclusiveOrOrdered(int w) {
        boolean o2 = (w & 1 << 23) != 0, l = (w & 1 << 22) != 0, o1 = (w & 1 << 21) != 0, o0 = (w & 1 << 15) != 0;
        int rs = (w >>> 16) & 0x1F;
        String sz = sizeSuffix(w);
        if (!o2 && !o1) {
            return l ? access(LOAD_EXCLUSIVE, o0, false, (o0 ? "ldaxr" : "ldxr") + sz)
                     : access(STORE_EXCLUSIVE, false, o0, (o0 ? "stlxr" : "stxr") + sz);
        }
        if (!o2) {
            if (w < 0) { // size 1x: exclusive pair
                return l ? access(LOAD_EXCLUSIVE, o0, false, o0 ? "ldaxp" : "ldxp")
                         : access(STORE_EXCLUSIVE, false, o0, o0 ? "stlxp" : "stxp");
            }
            return access(ATOMIC_RMW, l, o0, "casp" + (l ? "a" : "") + (o0 ? "l" : ""));
        }
        if (!o1) { // ldlar/stllr (LORegions) are weaker; as ldar/stlr they can only hide outcomes, never invent one
            return l ? access(LOAD_ACQUIRE, true, false, (o0 ? "ldar" : "ldlar") + sz)
                     : access(STORE_RELEASE, false, true, (o0 ? "stlr" : "stllr") + sz);
        }
        // CAS: no acquire when the compare register (the destination) is the zero register.
        return access(ATOMIC_RMW, l && rs != 31, o0, "cas" + (l ? "a" : "") + (o0 ? "l" : "") + sz);
    }

    /** LSE atomic memory operations (FEAT_LSE), SWP, and LDAPR (FEAT_LRCPC) in their space. */
    private static Classification lse(int w) {
        boolean a = (w & 1 << 23) != 0, r = (w & 1 << 22) != 0, o3 = (w & 1 << 15) != 0;
        int rs = (w >>> 16) & 0x1F, opc = (w >>> 12) & 7, rt = w & 0x1F;
        String sz = sizeSuffix(w);
        String order = (a ? "a" : "") + (r ? "l" : "");
        // The Arm ARM: with the zero register as destination, A gives no acquire.
        boolean acquire = a && rt != 31;
        if (!o3) {
            String name = rt == 31 && !a
                    ? "st" + LSE_OP[opc] + (r ? "l" : "") + sz
                    : "ld" + LSE_OP[opc] + order + sz;
            return access(ATOMIC_RMW, acquire, r, name);
        }
        if (opc == 0) {
            return access(ATOMIC_RMW, acquire, r, "swp" + order + sz);
        }
        if (opc == 4 && a && !r && rs == 31) {
            return access(LOAD_ACQUIRE, true, false, "ldapr" + sz);
        }
        return Classification.NONE; // ld64b/st64b and friends: single-copy atomic, no ordering
    }

    /** LDAPUR/STLUR (FEAT_LRCPC2). */
    private static Classification rcpcUnscaled(int w) {
        int size = w >>> 30, opc = (w >>> 22) & 3;
        String sz = sizeSuffix(w);
        return switch (opc) {
            case 0 -> access(STORE_RELEASE, false, true, "stlur" + sz);
            case 1 -> access(LOAD_ACQUIRE, true, false, "ldapur" + sz);
            case 2 -> size == 3 ? Classification.NONE
                    : access(LOAD_ACQUIRE, true, false, "ldapurs" + (size == 2 ? "w" : sz));
            default -> size >= 2 ? Classification.NONE : access(LOAD_ACQUIRE, true, false, "ldapurs" + sz);
        };
    }

    private static Classification barrier(int w) {
        int crm = (w >>> 8) & 0xF, op2 = (w >>> 5) & 7;
        switch (op2) {
            case 2:
                return Classification.of(CLEAR_EXCLUSIVE, "clrex");
            case 4:
                if (crm == 0 || crm == 4) {
                    return Classification.NONE; // ssbb, pssbb: speculation barriers only
                }
                return dsb(BARRIER_OPTION[crm], crm);
            case 1:
                if ((crm & 3) == 2) { // dsb <domain>nxs (FEAT_XS): domain in CRm<3:2>
                    int d = crm >>> 2;
                    return dsb(new String[] {"osh", "nsh", "ish", "sy"}[d] + "nxs", d << 2 | 3);
                }
                return Classification.NONE;
            case 5: {
                // Reserved options execute as "dmb sy".
                FenceKind f = switch (crm & 3) {
                    case 1 -> FenceKind.LOAD_LOAD_STORE;
                    case 2 -> FenceKind.STORE_STORE;
                    default -> FenceKind.FULL;
                };
                return Classification.of(Set.of(FENCE), Ordering.RELAXED, f, beyondThisCpu(crm),
                        "dmb " + BARRIER_OPTION[crm]);
            }
            case 6:
                return Classification.of(Set.of(FENCE), Ordering.RELAXED, FenceKind.INSTRUCTION, false, "isb");
            default:
                return Classification.NONE; // sb, tcommit
        }
    }

    /** Every dsb waits for all earlier accesses and maintenance, whatever its access-type option. */
    private static Classification dsb(String option, int crm) {
        return Classification.of(Set.of(FENCE, SYNC_BARRIER), Ordering.RELAXED, FenceKind.FULL, beyondThisCpu(crm),
                "dsb " + option);
    }

    /** Only the valid nsh options (nshld, nshst, nsh) stay on this CPU. */
    private static boolean beyondThisCpu(int crm) {
        return !((crm >>> 2) == 1 && (crm & 3) != 0);
    }

    private static Classification hint(int imm) {
        return switch (imm) {
            case 1 -> Classification.of(HALT_WAIT, "yield");
            case 2 -> Classification.of(HALT_WAIT, "wfe");
            case 3 -> Classification.of(HALT_WAIT, "wfi");
            case 4 -> Classification.of(EVENT_SIGNAL, "sev");
            case 5 -> Classification.of(EVENT_SIGNAL, "sevl");
            default -> Classification.NONE; // nop, bti, pac*, esb, csdb, ...
        };
    }

    /** MSR to a PSTATE field. */
    private static Classification msrImmediate(int op1, int crm, int op2) {
        if (op1 == 3 && op2 == 6) {
            return Classification.of(IRQ_MASK, "msr daifset,#" + crm);
        }
        if (op1 == 3 && op2 == 7) {
            return Classification.of(IRQ_MASK, "msr daifclr,#" + crm);
        }
        if (op1 == 1 && op2 == 0 && (crm >>> 1) == 0) { // FEAT_NMI
            return Classification.of(IRQ_MASK, "msr allint,#" + (crm & 1));
        }
        if (op1 == 0 && op2 == 4) { // privileged access never: EL1's access to user pages
            return Classification.of(TRANSLATION_CONTROL, "msr pan,#" + crm);
        }
        if (op1 == 0 && op2 == 3) {
            return Classification.of(TRANSLATION_CONTROL, "msr uao,#" + crm);
        }
        return Classification.NONE;
    }

    private static int sysreg(int op0, int op1, int crn, int crm, int op2) {
        return op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
    }

    private static final int SCTLR_EL1 = sysreg(3, 0, 1, 0, 0), TTBR0_EL1 = sysreg(3, 0, 2, 0, 0),
            TTBR1_EL1 = sysreg(3, 0, 2, 0, 1), TCR_EL1 = sysreg(3, 0, 2, 0, 2), TCR2_EL1 = sysreg(3, 0, 2, 0, 3),
            MAIR_EL1 = sysreg(3, 0, 10, 2, 0), PAN = sysreg(3, 0, 4, 2, 3), UAO = sysreg(3, 0, 4, 2, 4),
            DAIF = sysreg(3, 3, 4, 2, 1), ALLINT = sysreg(3, 0, 4, 3, 0), ICC_PMR_EL1 = sysreg(3, 0, 4, 6, 0);

    /** MSR to a system register; {@code reg} is op0:op1:CRn:CRm:op2. */
    private static Classification msrRegister(int reg, int rt) {
        String name;
        InsnKind kind = TRANSLATION_CONTROL;
        if (reg == SCTLR_EL1) {
            name = "sctlr_el1";
        } else if (reg == TTBR0_EL1) {
            name = "ttbr0_el1";
        } else if (reg == TTBR1_EL1) {
            name = "ttbr1_el1";
        } else if (reg == TCR_EL1) {
            name = "tcr_el1";
        } else if (reg == TCR2_EL1) {
            name = "tcr2_el1";
        } else if (reg == MAIR_EL1) {
            name = "mair_el1";
        } else if (reg == PAN) {
            name = "pan";
        } else if (reg == UAO) {
            name = "uao";
        } else {
            kind = IRQ_MASK;
            if (reg == DAIF) {
                name = "daif";
            } else if (reg == ALLINT) {
                name = "allint";
            } else if (reg == ICC_PMR_EL1) { // Linux's pseudo-NMI masks IRQs by GIC priority
                name = "icc_pmr_el1";
            } else {
                return Classification.NONE;
            }
        }
        return Classification.of(kind, "msr " + name + "," + (rt == 31 ? "xzr" : "x" + rt));
    }

    /** SYS space: TLBI is CRn 8 (and CRn 9 for the FEAT_XS nXS variants). DC/IC/AT are not ours. */
    private static Classification sys(int w) {
        int op1 = (w >>> 16) & 7, crn = (w >>> 12) & 0xF, crm = (w >>> 8) & 0xF, op2 = (w >>> 5) & 7;
        if (crn != 8 && crn != 9) {
            return Classification.NONE;
        }
        String name = Arm64Tlbi.name(op1, crm, op2);
        // An unnamed encoding is assumed to reach every CPU: over-invalidating cannot invent a stale entry.
        boolean broadcast = name == null || Arm64Tlbi.isBroadcast(name);
        if (name == null) {
            name = "sys#" + op1 + ",c" + crn + ",c" + crm + ",#" + op2;
        } else if (crn == 9) {
            name += "nxs";
        }
        return Classification.of(Set.of(TLB_MAINTENANCE), Ordering.RELAXED, FenceKind.NONE, broadcast, "tlbi " + name);
    }
}
