package io.mmulab.emulator.unicorn;

import io.mmulab.emulator.Arch;

/**
 * x86-64 registers as 64-bit values. Ids are unicorn 2.1.4's {@code uc_x86_reg} numbers.
 *
 * <p>Segment registers ({@code CS} ... {@code GS}) read and write the selector only; unicorn
 * does not reload the hidden descriptor for CS/SS/DS/ES, so changing privilege level this way
 * does not work. {@code EFER} and {@code KERNEL_GS_BASE} go through the MSR interface; the
 * descriptor-table registers are split into base and limit.
 */
public enum X86Reg implements Reg {
    RAX(RegSpec.plain(35)), RBX(RegSpec.plain(37)), RCX(RegSpec.plain(38)), RDX(RegSpec.plain(40)),
    RSI(RegSpec.plain(43)), RDI(RegSpec.plain(39)), RBP(RegSpec.plain(36)), RSP(RegSpec.plain(44)),
    R8(RegSpec.plain(106)), R9(RegSpec.plain(107)), R10(RegSpec.plain(108)), R11(RegSpec.plain(109)),
    R12(RegSpec.plain(110)), R13(RegSpec.plain(111)), R14(RegSpec.plain(112)), R15(RegSpec.plain(113)),
    RIP(RegSpec.plain(41)),
    RFLAGS(RegSpec.plain(253)),
    CR0(RegSpec.plain(50)), CR2(RegSpec.plain(52)), CR3(RegSpec.plain(53)), CR4(RegSpec.plain(54)),
    CR8(RegSpec.plain(58)),
    /** IA32_EFER (MSR 0xC0000080). */
    EFER(RegSpec.msr(0xC0000080)),
    /** IA32_KERNEL_GS_BASE (MSR 0xC0000102), swapped in by {@code swapgs}. */
    KERNEL_GS_BASE(RegSpec.msr(0xC0000102)),
    IDTR_BASE(RegSpec.mmrBase(242)), IDTR_LIMIT(RegSpec.mmrLimit(242)),
    GDTR_BASE(RegSpec.mmrBase(243)), GDTR_LIMIT(RegSpec.mmrLimit(243)),
    CS(RegSpec.plain(11)), SS(RegSpec.plain(49)), DS(RegSpec.plain(17)), ES(RegSpec.plain(28)),
    FS(RegSpec.plain(32)), GS(RegSpec.plain(33)),
    FS_BASE(RegSpec.plain(250)), GS_BASE(RegSpec.plain(251));

    static final int UC_X86_REG_MSR = 248;

    final RegSpec spec;

    X86Reg(RegSpec spec) {
        this.spec = spec;
    }

    @Override
    public Arch arch() {
        return Arch.X86_64;
    }

    @Override
    public boolean writable() {
        return spec.writable;
    }
}
