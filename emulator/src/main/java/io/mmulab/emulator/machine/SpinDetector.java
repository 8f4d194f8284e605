package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Reg;

/**
 * Tells a spin loop that cannot make progress from one that can.
 *
 * <p>A vCPU spinning on a lock whose holder is preempted executes the same iteration over and
 * over: {@code pause}/{@code yield}, a load that sees the same value, a branch back. A
 * scheduler that favours it (pct's highest priority, dfs's "the current vCPU goes on") would
 * let it spin until the step budget. Everything a vCPU does is a function of its registers and
 * of the memory, TLBs and interrupts it sees; so when it reaches the same spin hint twice with
 * the same registers and nothing in the machine changed in between (no store issued or
 * committed by anyone, no interrupt raised or delivered, no TLB invalidated: the machine's
 * progress epoch did not move), its next iteration is exactly this one again. It is then
 * parked ({@link VcpuState#SPINNING}) until the epoch moves. Nothing is lost by that: every
 * run of the spinning vCPU in between would have been a no-op. And when every vCPU is parked
 * like that, or halted, with nothing pending, the run is a HANG (a deadlock or a lost wake-up)
 * found in two iterations instead of a budget run out.
 *
 * <p>A delay loop counting down a register never matches (its registers differ), nor does a
 * loop that stores.
 */
final class SpinDetector {
    private final Reg[] state;
    private final long[] scratch;

    SpinDetector(ArchOps ops) {
        this.state = ops.loopState();
        this.scratch = new long[state.length];
    }

    /**
     * {@code v} is at the spin hint at {@code pc} and the machine's progress epoch is
     * {@code epoch}. Returns true when this iteration repeats the previous one exactly (the
     * vCPU should park); otherwise remembers this one.
     */
    boolean repeats(Vcpu v, long pc, long epoch) {
        for (int i = 0; i < state.length; i++) {
            scratch[i] = v.uc.readReg(state[i]);
        }
        boolean same = v.spinRegs != null && v.spinPc == pc && v.spinEpoch == epoch
                && java.util.Arrays.equals(v.spinRegs, scratch);
        if (!same) {
            if (v.spinRegs == null) {
                v.spinRegs = new long[state.length];
            }
            System.arraycopy(scratch, 0, v.spinRegs, 0, state.length);
            v.spinPc = pc;
            v.spinEpoch = epoch;
        }
        return same;
    }
}
