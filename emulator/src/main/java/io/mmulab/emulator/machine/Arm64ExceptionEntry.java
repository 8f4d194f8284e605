package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Arm64Reg;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.FaultKind;
import io.mmulab.mmu.WalkResult;

/**
 * AArch64 exception entry to EL1: ELR_EL1 = PC, SPSR_EL1 = PSTATE, ESR_EL1/FAR_EL1 for
 * aborts, PSTATE = EL1h with D, A, I, F masked, PC = VBAR_EL1 + the vector's offset.
 */
final class Arm64ExceptionEntry implements ExceptionEntry {
    private static final int EC_IABT_LOWER = 0x20;
    private static final int EC_IABT_CUR = 0x21;
    private static final int EC_DABT_LOWER = 0x24;
    private static final int EC_DABT_CUR = 0x25;
    private static final long ESR_IL = 1L << 25;
    private static final long ESR_WNR = 1L << 6;
    private static final long PSTATE_EL1H_MASKED = 0x3c5;
    private static final int SYNC = 0x000;
    private static final int IRQ = 0x080;

    @Override
    public String fault(Vcpu v, TranslationFault f) {
        long pstate = v.uc.readReg(Arm64Reg.PSTATE);
        boolean fromEl0 = ((pstate >> 2) & 3) == 0;
        long esr = esr(f, fromEl0);
        v.uc.writeReg(Arm64Reg.ESR_EL1, esr);
        v.uc.writeReg(Arm64Reg.FAR_EL1, f.va());
        return enter(v, SYNC, pstate);
    }

    /** ESR_EL1 for an abort: EC by fetch/data and source EL, IL, WnR and the fault status code. */
    static long esr(TranslationFault f, boolean fromEl0) {
        boolean fetch = f.access() == AccessType.FETCH;
        int ec = fetch ? (fromEl0 ? EC_IABT_LOWER : EC_IABT_CUR) : (fromEl0 ? EC_DABT_LOWER : EC_DABT_CUR);
        long iss = faultStatus(f.walk());
        if (!fetch && f.access() == AccessType.WRITE) {
            iss |= ESR_WNR;
        }
        return ((long) ec << 26) | ESR_IL | iss;
    }

    /** DFSC/IFSC: type in bits [5:2], level in [1:0]. An address outside both TTBR ranges is a level 0 translation fault. */
    static long faultStatus(WalkResult w) {
        int level = Math.max(0, Math.min(3, w.faultLevel()));
        FaultKind k = w.fault();
        return switch (k) {
            case ACCESS_FLAG -> 0b001000 | level;
            case PERMISSION -> 0b001100 | level;
            case ADDRESS_SIZE -> w.faultLevel() <= 0 ? 0b000100 : level;
            default -> 0b000100 | level;
        };
    }

    @Override
    public String interrupt(Vcpu v, int irq) {
        return enter(v, IRQ, v.uc.readReg(Arm64Reg.PSTATE));
    }

    private String enter(Vcpu v, int kind, long pstate) {
        Unicorn uc = v.uc;
        int el = (int) (pstate >> 2) & 3;
        if (el == 0) {
            return "exception from EL0: entry with the SP_EL1 switch is not modelled yet";
        }
        // Current EL with SP_EL1 (EL1h) uses the 0x200 group, with SP_EL0 (EL1t) the 0x000 group.
        long group = (pstate & 1) != 0 ? 0x200 : 0x000;
        long vbar = uc.readReg(Arm64Reg.VBAR_EL1);
        uc.writeReg(Arm64Reg.ELR_EL1, uc.readReg(Arm64Reg.PC));
        uc.writeReg(Arm64Reg.SPSR_EL1, pstate);
        uc.writeReg(Arm64Reg.PSTATE, PSTATE_EL1H_MASKED);
        long handler = vbar + group + kind;
        uc.writeReg(Arm64Reg.PC, handler);
        v.pc = handler;
        return null;
    }
}
