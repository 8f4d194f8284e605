package io.mmulab.emulator.unicorn;

import io.mmulab.emulator.Arch;

/**
 * ARM64 registers as 64-bit values. Ids are unicorn 2.1.4's {@code uc_arm64_reg} numbers
 * where a direct id exists; the others go through {@code UC_ARM64_REG_CP_REG} with their
 * architectural (op0, op1, CRn, CRm, op2) encoding, exactly as {@code mrs}/{@code msr} name them.
 *
 * <p>System-register writes through this interface are raw: they set the value without the
 * side effects a guest {@code msr} has (no TLB flush on a TTBR/TCR/SCTLR change; unicorn does
 * rebuild its cached translation flags after a CP write). {@code PSTATE} is unicorn's
 * composite view (NZCV, DAIF, CurrentEL in bits [3:2], SPSel...); {@code DAIF} is the DAIF
 * system register (bits [9:6]).
 */
public enum Arm64Reg implements Reg {
    X0(RegSpec.plain(199)), X1(RegSpec.plain(200)), X2(RegSpec.plain(201)), X3(RegSpec.plain(202)), X4(RegSpec.plain(203)), X5(RegSpec.plain(204)),
    X6(RegSpec.plain(205)), X7(RegSpec.plain(206)), X8(RegSpec.plain(207)), X9(RegSpec.plain(208)), X10(RegSpec.plain(209)), X11(RegSpec.plain(210)),
    X12(RegSpec.plain(211)), X13(RegSpec.plain(212)), X14(RegSpec.plain(213)), X15(RegSpec.plain(214)), X16(RegSpec.plain(215)), X17(RegSpec.plain(216)),
    X18(RegSpec.plain(217)), X19(RegSpec.plain(218)), X20(RegSpec.plain(219)), X21(RegSpec.plain(220)), X22(RegSpec.plain(221)), X23(RegSpec.plain(222)),
    X24(RegSpec.plain(223)), X25(RegSpec.plain(224)), X26(RegSpec.plain(225)), X27(RegSpec.plain(226)), X28(RegSpec.plain(227)), X29(RegSpec.plain(1)),
    X30(RegSpec.plain(2)),
    SP(RegSpec.plain(4)), PC(RegSpec.plain(260)), NZCV(RegSpec.plain(3)), PSTATE(RegSpec.plain(265)),
    /** DAIF system register (op0 3, op1 3, CRn 4, CRm 2, op2 1); the IRQ-mask bits live in [9:6]. */
    DAIF(RegSpec.cp(3, 3, 4, 2, 1, true)),
    /** Exception level in bits [3:2], read from PSTATE; read-only. */
    CURRENT_EL(RegSpec.currentEl()),
    SP_EL0(RegSpec.plain(270)), SP_EL1(RegSpec.plain(271)),
    ELR_EL1(RegSpec.plain(267)),
    /** SPSR_EL1 (3, 0, 4, 0, 0). */
    SPSR_EL1(RegSpec.cp(3, 0, 4, 0, 0, true)),
    ESR_EL1(RegSpec.plain(277)), FAR_EL1(RegSpec.plain(281)), VBAR_EL1(RegSpec.plain(287)),
    TTBR0_EL1(RegSpec.plain(274)), TTBR1_EL1(RegSpec.plain(275)), MAIR_EL1(RegSpec.plain(285)),
    PAR_EL1(RegSpec.plain(284)),
    /** TCR_EL1 (3, 0, 2, 0, 2). */
    TCR_EL1(RegSpec.cp(3, 0, 2, 0, 2, true)),
    /** SCTLR_EL1 (3, 0, 1, 0, 0). */
    SCTLR_EL1(RegSpec.cp(3, 0, 1, 0, 0, true)),
    /** CONTEXTIDR_EL1 (3, 0, 13, 0, 1). */
    CONTEXTIDR_EL1(RegSpec.cp(3, 0, 13, 0, 1, true)),
    TPIDR_EL0(RegSpec.plain(262)), TPIDRRO_EL0(RegSpec.plain(263)), TPIDR_EL1(RegSpec.plain(264)),
    /**
     * MPIDR_EL1 (3, 0, 0, 0, 5), read-only: unicorn's raw write path would store into an
     * unrelated CPU field for this register. Every engine reads 0x80000000 (affinity 0), and
     * VMPIDR_EL2 does not change what EL1 sees; give vCPUs distinct ids by intercepting
     * {@code mrs mpidr_el1} with {@link Unicorn#hookArm64Sys}.
     */
    MPIDR_EL1(RegSpec.cp(3, 0, 0, 0, 5, false)),
    CPACR_EL1(RegSpec.plain(261));

    static final int UC_ARM64_REG_PSTATE = 265;
    static final int UC_ARM64_REG_CP_REG = 290;

    final RegSpec spec;

    Arm64Reg(RegSpec spec) {
        this.spec = spec;
    }

    /** {@code X0} ... {@code X30} by number. */
    public static Arm64Reg x(int n) {
        if (n < 0 || n > 30) {
            throw new IllegalArgumentException("no register X" + n);
        }
        return values()[n];
    }

    @Override
    public Arch arch() {
        return Arch.ARM64;
    }

    @Override
    public boolean writable() {
        return spec.writable;
    }
}
