package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Reg;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.emulator.unicorn.X86Reg;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.TranslationRegime;
import io.mmulab.mmu.X86Regime;

final class X86Ops implements ArchOps {
    private static final X86Reg[] HYPERCALL_ARGS = {X86Reg.RDI, X86Reg.RSI, X86Reg.RDX, X86Reg.R10};

    private static final X86Reg[] LOOP_STATE = {X86Reg.RAX, X86Reg.RBX, X86Reg.RCX, X86Reg.RDX, X86Reg.RSI,
        X86Reg.RDI, X86Reg.RBP, X86Reg.RSP, X86Reg.R8, X86Reg.R9, X86Reg.R10, X86Reg.R11, X86Reg.R12, X86Reg.R13,
        X86Reg.R14, X86Reg.R15, X86Reg.RFLAGS};

    @Override
    public Reg[] loopState() {
        return LOOP_STATE;
    }

    @Override
    public Reg pc() {
        return X86Reg.RIP;
    }

    @Override
    public void setBootRegisters(Unicorn uc, int cpu, int nrCpus, long memBytes) {
        uc.writeReg(X86Reg.RDI, cpu);
        uc.writeReg(X86Reg.RSI, nrCpus);
        uc.writeReg(X86Reg.RDX, memBytes);
    }

    private static final long RFLAGS_IF = 1L << 9;

    @Override
    public TranslationRegime regime(Unicorn uc) {
        return new X86Regime(uc.readReg(X86Reg.CR0), uc.readReg(X86Reg.CR3), uc.readReg(X86Reg.CR4),
                uc.readReg(X86Reg.EFER));
    }

    @Override
    public int addressSpaceId(TranslationRegime regime, long va) {
        X86Regime r = (X86Regime) regime;
        return r.pcidEnabled() ? r.pcid() : 0;
    }

    @Override
    public boolean irqsMasked(Unicorn uc) {
        return (uc.readReg(X86Reg.RFLAGS) & RFLAGS_IF) == 0;
    }

    @Override
    public Privilege privilege(Unicorn uc) {
        return (uc.readReg(X86Reg.CS) & 3) == 3 ? Privilege.USER : Privilege.KERNEL;
    }

    @Override
    public long hypercallNumber(Unicorn uc) {
        return uc.readReg(X86Reg.RAX);
    }

    @Override
    public long hypercallArg(Unicorn uc, int i) {
        return uc.readReg(HYPERCALL_ARGS[i]);
    }

    @Override
    public void setHypercallResult(Unicorn uc, long value) {
        uc.writeReg(X86Reg.RAX, value);
    }
}
