package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.unicorn.Arm64Reg;
import io.mmulab.emulator.unicorn.Uc;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.emulator.unicorn.X86Reg;
import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.WalkResult;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The ceiling the machine is measured against ({@code mmulab bench}): a guest function run on a
 * bare unicorn engine with no hooks at all, its own softmmu walking the guest's page tables,
 * from a copy of a vCPU's memory and registers. Nothing here is used by an exploration.
 */
public final class PlainRun {
    private PlainRun() {
    }

    /**
     * Calls {@code entry(args...)} on a plain engine cloned from vCPU {@code cpu} of {@code m}
     * (stopped at a clean point, e.g. the checkpoint) and returns the nanoseconds it took to
     * come back to {@code returnTo}, where the engine stops.
     *
     * @throws IllegalStateException when the function did not come back to {@code returnTo}
     */
    public static long nanos(Machine m, int cpu, long entry, long returnTo, long... args) {
        Vcpu v = m.vcpu(cpu);
        Arch arch = m.arch();
        try (Arena arena = Arena.ofConfined(); Unicorn uc = Unicorn.open(arch)) {
            MemorySegment source = m.memory().view(cpu).segment();
            MemorySegment copy = arena.allocate(source.byteSize(), 4096);
            copy.copyFrom(source);
            uc.memMapPtr(0, copy, Uc.PROT_ALL);
            uc.restoreContext(v.uc.saveContext());
            if (arch == Arch.X86_64) {
                X86Reg[] argRegs = {X86Reg.RDI, X86Reg.RSI, X86Reg.RDX, X86Reg.RCX};
                for (int i = 0; i < args.length; i++) {
                    uc.writeReg(argRegs[i], args[i]);
                }
                // a call: the return address on a fresh, aligned slot below the current stack
                long sp = ((v.uc.readReg(X86Reg.RSP) - 512) & ~15L) - 8;
                WalkResult w = m.ops().walker(v.uc, m.memory().view(cpu)).walk(sp, AccessType.WRITE,
                        Privilege.KERNEL);
                if (!w.ok()) {
                    throw new IllegalStateException(String.format("stack 0x%x is not mapped: %s", sp, w.fault()));
                }
                copy.set(ValueLayout.JAVA_LONG_UNALIGNED, w.pa(), returnTo);
                uc.writeReg(X86Reg.RSP, sp);
            } else {
                // The context copy leaves unicorn's cached translation state stale: writing the
                // translation registers (with their own values) makes it rebuild it.
                for (Arm64Reg r : new Arm64Reg[] {Arm64Reg.MAIR_EL1, Arm64Reg.TCR_EL1, Arm64Reg.TTBR0_EL1,
                    Arm64Reg.TTBR1_EL1, Arm64Reg.VBAR_EL1, Arm64Reg.SCTLR_EL1, Arm64Reg.PSTATE}) {
                    uc.writeReg(r, v.uc.readReg(r));
                }
                for (int i = 0; i < args.length; i++) {
                    uc.writeReg(Arm64Reg.x(i), args[i]);
                }
                uc.writeReg(Arm64Reg.X30, returnTo);
            }
            long t0 = System.nanoTime();
            int err = uc.tryEmuStart(entry, returnTo, 0, 0);
            long t = System.nanoTime() - t0;
            long pc = uc.readReg(m.ops().pc());
            if (err != Uc.ERR_OK || pc != returnTo) {
                throw new IllegalStateException(String.format("the plain run ended at 0x%x (%s), not at 0x%x", pc,
                        Uc.errorName(err), returnTo));
            }
            return t;
        }
    }
}
