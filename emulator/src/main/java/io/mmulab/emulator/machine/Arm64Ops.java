package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Arm64Reg;
import io.mmulab.emulator.unicorn.Reg;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.mmu.Arm64Regime;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.Privilege;

final class Arm64Ops implements ArchOps {
    private static final Arm64Reg[] HYPERCALL_ARGS = {Arm64Reg.X0, Arm64Reg.X1, Arm64Reg.X2, Arm64Reg.X3};

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

    @Override
    public PageWalker walker(Unicorn uc, PhysicalMemory committed) {
        return PageWalker.arm64(committed, new Arm64Regime(uc.readReg(Arm64Reg.SCTLR_EL1),
                uc.readReg(Arm64Reg.TCR_EL1), uc.readReg(Arm64Reg.TTBR0_EL1), uc.readReg(Arm64Reg.TTBR1_EL1)));
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
