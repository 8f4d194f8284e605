package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Reg;

/**
 * Tells a spin loop that cannot make progress from one that can.
 *
 * <p>A vCPU spinning on a lock whose holder is preempted executes the same iteration over and
 * over: {@code pause}/{@code yield}, a load that sees the same value, a branch back. A
 * scheduler that favours it (pct's highest priority, dfs's "the current vCPU goes on") would
 * let it spin until the step budget. Everything a vCPU does is a function of its registers and
 * of the memory, TLBs and interrupts it sees; so when it reaches a spin hint at a PC and with
 * registers it already had at a spin hint earlier, and nothing in the machine changed in
 * between (no store issued or committed by anyone, no interrupt raised or delivered, no TLB
 * invalidated: the machine's progress epoch did not move), it is in a cycle: everything from
 * that earlier hint to this one happens again, for ever. It is then parked
 * ({@link VcpuState#SPINNING}) until the epoch moves. Nothing is lost by that: every run of the
 * spinning vCPU in between would have been a no-op. And when every vCPU is parked like that, or
 * halted, with nothing pending, the run is a HANG (a deadlock or a lost wake-up) found in a few
 * iterations instead of a budget run out.
 *
 * <p>The cycle need not pass one hint only: compilers unroll wait loops, so one iteration of
 * the source loop may be two of the machine's (arm64 {@code arch_spin_lock}:
 * {@code yield; ldarh; cmp; b.eq out; yield; ldarh; cmp; b.ne}), whose consecutive hints differ
 * in PC and never repeat the one just before. So the hints are watched with Brent's cycle
 * detection: one remembered hint, compared with every later one and replaced by the current
 * hint whenever the number of hints seen since the epoch moved reaches a power of two. A cycle
 * of any length {@code L} after a prefix of {@code P} hints is found within about
 * {@code 2 * max(L, P) + L} hints, with one comparison per hint; a cycle of one hint is found at
 * its second hint, as before.
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
     * {@code epoch}. Returns true when this hint repeats one it passed since the epoch last
     * moved, registers and all (the vCPU should park); otherwise takes note of it.
     */
    boolean repeats(Vcpu v, long pc, long epoch) {
        for (int i = 0; i < state.length; i++) {
            scratch[i] = v.uc.readReg(state[i]);
        }
        if (v.spinHints > 0 && v.spinEpoch == epoch) {
            if (v.spinPc == pc && java.util.Arrays.equals(v.spinRegs, scratch)) {
                return true;
            }
            v.spinHints++;
            if (Long.bitCount(v.spinHints) != 1) {
                return false;   // keep the remembered hint until the count reaches a power of two
            }
        } else {
            v.spinHints = 1;    // the first hint since the epoch moved
        }
        if (v.spinRegs == null) {
            v.spinRegs = new long[state.length];
        }
        System.arraycopy(scratch, 0, v.spinRegs, 0, state.length);
        v.spinPc = pc;
        v.spinEpoch = epoch;
        return false;
    }
}
