package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Arm64Reg;
import io.mmulab.emulator.unicorn.Reg;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.mmu.Arm64Regime;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.TranslationRegime;

final class Arm64Ops implements ArchOps {
    private static final Arm64Reg[] HYPERCALL_ARGS = {Arm64Reg.X0, Arm64Reg.X1, Arm64Reg.X2, Arm64Reg.X3};

    private static final Arm64Reg[] LOOP_STATE = loopState0();

    private static Arm64Reg[] loopState0() {
        Arm64Reg[] r = new Arm64Reg[33];
        for (int i = 0; i <= 30; i++) {
            r[i] = Arm64Reg.x(i);
        }
        r[31] = Arm64Reg.SP;
        r[32] = Arm64Reg.NZCV;
        return r;
    }

    @Override
    public Reg[] loopState() {
        return LOOP_STATE;
    }

    @Override
    public Reg pc() {
        return Arm64Reg.PC;
    }

    @Override
    public void setBootRegisters(Unicorn uc, int cpu, int nrCpus, long memBytes) {
        uc.writeReg(Arm64Reg.X0, cpu);
        uc.writeReg(Arm64Reg.X1, nrCpus);
        uc.writeReg(Arm64Reg.X2, memBytes);
    }

    private static final long PSTATE_I = 1L << 7;

    @Override
    public TranslationRegime regime(Unicorn uc) {
        return new Arm64Regime(uc.readReg(Arm64Reg.SCTLR_EL1), uc.readReg(Arm64Reg.TCR_EL1),
                uc.readReg(Arm64Reg.TTBR0_EL1), uc.readReg(Arm64Reg.TTBR1_EL1));
    }

    @Override
    public int addressSpaceId(TranslationRegime regime, long va) {
        Arm64Regime r = (Arm64Regime) regime;
        // TCR.A1 picks which TTBR's ASID field is current; TCR.AS says 16 or 8 bits.
        long ttbr = (r.tcr() & Arm64Regime.TCR_A1) != 0 ? r.ttbr1() : r.ttbr0();
        int asid = (int) (ttbr >>> 48);
        return (r.tcr() & Arm64Regime.TCR_AS) != 0 ? asid : asid & 0xff;
    }

    @Override
    public boolean irqsMasked(Unicorn uc) {
        return (uc.readReg(Arm64Reg.PSTATE) & PSTATE_I) != 0;
    }

    @Override
    public Privilege privilege(Unicorn uc) {
        // PSTATE.EL lives in bits [3:2].
        return ((uc.readReg(Arm64Reg.PSTATE) >> 2) & 3) == 0 ? Privilege.USER : Privilege.KERNEL;
    }

    @Override
    public long hypercallNumber(Unicorn uc) {
        return uc.readReg(Arm64Reg.X8);
    }

    @Override
    public long hypercallArg(Unicorn uc, int i) {
        return uc.readReg(HYPERCALL_ARGS[i]);
    }

    @Override
    public void setHypercallResult(Unicorn uc, long value) {
        uc.writeReg(Arm64Reg.X0, value);
    }
}
