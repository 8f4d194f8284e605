package io.mmulab.emulator.unicorn;

/**
 * ARM64 {@code mrs}/{@code msr}/{@code sys}/{@code sysl}, called before the instruction takes
 * effect, with the PC register at the instruction. The system register (or {@code sys}
 * operation, e.g. a {@code tlbi}) is named by its encoding. Returning true skips the
 * instruction's own effect: for an {@code mrs} the hook then writes {@code X<rt>} itself,
 * which is how a per-vCPU MPIDR_EL1 is presented.
 */
@FunctionalInterface
public interface Arm64SysHook {
    /**
     * @param rt the general register operand, 0..30, or 31 for XZR
     * @param value X{@code rt} before the instruction (the value an {@code msr}/{@code sys} writes)
     * @return true to skip the instruction's own effect, false to let it run
     */
    boolean onSys(int rt, int op0, int op1, int crn, int crm, int op2, long value);
}
