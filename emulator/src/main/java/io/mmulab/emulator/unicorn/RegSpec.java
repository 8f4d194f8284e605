package io.mmulab.emulator.unicorn;

/** How one register is reached through unicorn's API (package-private plumbing of {@link Reg}). */
final class RegSpec {
    /** {@code uc_reg_read/write(id)} on a 64-bit buffer (narrower registers use its low bytes). */
    static final int PLAIN = 0;
    /** x86 MSR via {@code UC_X86_REG_MSR} and {@code uc_x86_msr {uint32 rid; uint64 value}}. */
    static final int MSR = 1;
    /** Base of a {@code uc_x86_mmr {uint16 selector; uint64 base; uint32 limit; uint32 flags}}. */
    static final int MMR_BASE = 2;
    /** Limit of a {@code uc_x86_mmr}. */
    static final int MMR_LIMIT = 3;
    /** ARM64 system register via {@code UC_ARM64_REG_CP_REG} and {@code uc_arm64_cp_reg}. */
    static final int CP = 4;
    /** ARM64 CurrentEL, derived from PSTATE bits [3:2] (unicorn has no safe direct path). */
    static final int CURRENT_EL = 5;

    final int kind;
    final int id;
    final int msr;
    final int op0, op1, crn, crm, op2;
    final boolean writable;

    private RegSpec(int kind, int id, int msr, int op0, int op1, int crn, int crm, int op2, boolean writable) {
        this.kind = kind;
        this.id = id;
        this.msr = msr;
        this.op0 = op0;
        this.op1 = op1;
        this.crn = crn;
        this.crm = crm;
        this.op2 = op2;
        this.writable = writable;
    }

    static RegSpec plain(int id) {
        return new RegSpec(PLAIN, id, 0, 0, 0, 0, 0, 0, true);
    }

    static RegSpec msr(int rid) {
        return new RegSpec(MSR, X86Reg.UC_X86_REG_MSR, rid, 0, 0, 0, 0, 0, true);
    }

    static RegSpec mmrBase(int id) {
        return new RegSpec(MMR_BASE, id, 0, 0, 0, 0, 0, 0, true);
    }

    static RegSpec mmrLimit(int id) {
        return new RegSpec(MMR_LIMIT, id, 0, 0, 0, 0, 0, 0, true);
    }

    static RegSpec cp(int op0, int op1, int crn, int crm, int op2, boolean writable) {
        return new RegSpec(CP, Arm64Reg.UC_ARM64_REG_CP_REG, 0, op0, op1, crn, crm, op2, writable);
    }

    static RegSpec currentEl() {
        return new RegSpec(CURRENT_EL, Arm64Reg.UC_ARM64_REG_PSTATE, 0, 0, 0, 0, 0, 0, false);
    }
}
