package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.tlb.Tlb;

/**
 * One emulated CPU: its unicorn engine, its private view of memory, and the little state
 * the scheduler needs to cut its execution at the right places.
 */
public final class Vcpu {
    final int id;
    final Unicorn uc;
    final PhysicalMemory view;
    VcpuState state = VcpuState.PARKED;
    /** Where the next slice starts (the engine's PC whenever the vCPU is not running). */
    long pc;

    // --- scheduling-point bookkeeping (see Machine.onAccess) ---
    /** PC, address and size of the previous memory access, to tell "rest of one instruction" apart. */
    long lastPc = -1;
    long lastPa;
    int lastSize;
    /** The vCPU was stopped before an access or hint that was already decided: let it pass once. */
    boolean resumed;
    /** Set by a hook that decided to switch: the vCPU to run next. */
    int switchTo = -1;
    /** Between a load-exclusive and its store-exclusive no preemption: it would clear the monitor. */
    boolean exclusiveArmed;
    boolean inExclusive;
    long noPointPc = -1;

    /** The failed translation behind an engine error, if that is what stopped it. */
    TranslationFault pendingFault;
    /** A data access reached the trap page: pendingFault now has its exact address; enter the handler. */
    boolean faultTrapped;

    /** The classified instruction about to run (set by its code hook), for its accesses' kinds. */
    long profilePc = -1;
    AccessProfile profile = AccessProfile.PLAIN;
    /** The scheduler chose to deliver an interrupt to this vCPU while it was running: do it once stopped. */
    boolean deliverWhenStopped;
    /** The model dropped TLB entries unicorn may still cache: flush unicorn's TLB before the next slice. */
    boolean flushUnicornTlb;
    /** What the guest said this vCPU waits for (HC_WAIT), for hang reports: the label (null when not waiting) and the address. */
    String waitingFor;
    long waitingOn;
    /**
     * The footprint of the step this vCPU is running, as it was offered (address or -1, size,
     * write): a later access of the same step outside it widens the step (Machine.widenStep).
     */
    long stepAddr = -1;
    int stepSize;
    boolean stepWrite;

    /**
     * Whether the running step's offered footprint already stands for an access by {@code cpu}
     * to {@code [pa, pa + size)}: an unknown footprint stands for everything, otherwise it must
     * be this vCPU's own access inside the offered bytes (a write only if a write was offered).
     */
    boolean stepAccountsFor(int cpu, long pa, int size, boolean write) {
        return stepAddr == io.mmulab.emulator.sched.ChoiceSet.UNKNOWN
                || cpu == id && pa >= stepAddr && pa + size <= stepAddr + stepSize && (!write || stepWrite);
    }
    /** The access this vCPU is stopped before, for partial-order reduction: address, size, write. */
    long pendingAddr = -1;
    int pendingSize;
    boolean pendingWrite;
    /** What it is stopped before must not run while it has buffered stores (a full barrier or atomic). */
    boolean pendingDrain;

    /**
     * The spin hint SpinDetector remembers: its PC, the machine's progress epoch then, and the
     * registers; and how many hints this vCPU passed since that epoch began (0: none yet).
     */
    long spinPc = -1;
    long spinEpoch;
    long[] spinRegs;
    long spinHints;

    /** This vCPU's TLB model: the source of truth; unicorn's own TLB only caches it. */
    final Tlb tlb;

    /** Undoes what an instruction does after we decided to stop before it. */
    final Preemption preemption;

    Vcpu(int id, Unicorn uc, PhysicalMemory view, Preemption preemption, Tlb tlb) {
        this.id = id;
        this.uc = uc;
        this.view = view;
        this.preemption = preemption;
        this.tlb = tlb;
    }

    /** Everything of this vCPU but its registers and memory, for a machine checkpoint. */
    record Snapshot(VcpuState state, long pc, long lastPc, long lastPa, int lastSize, boolean resumed,
                    boolean exclusiveArmed, boolean inExclusive, long noPointPc, long profilePc, AccessProfile profile,
                    String waitingFor, long waitingOn, long pendingAddr, int pendingSize, boolean pendingWrite,
                    boolean pendingDrain,
                    long spinPc, long spinEpoch, long[] spinRegs, long spinHints, java.util.List<io.mmulab.mmu.tlb.TlbEntry> tlb) {
    }

    Snapshot snapshot() {
        return new Snapshot(state, pc, lastPc, lastPa, lastSize, resumed, exclusiveArmed, inExclusive, noPointPc,
                profilePc, profile, waitingFor, waitingOn, pendingAddr, pendingSize, pendingWrite, pendingDrain, spinPc, spinEpoch,
                spinRegs == null ? null : spinRegs.clone(), spinHints, tlb.snapshot());
    }

    void restore(Snapshot s) {
        state = s.state();
        pc = s.pc();
        lastPc = s.lastPc();
        lastPa = s.lastPa();
        lastSize = s.lastSize();
        resumed = s.resumed();
        exclusiveArmed = s.exclusiveArmed();
        inExclusive = s.inExclusive();
        noPointPc = s.noPointPc();
        profilePc = s.profilePc();
        profile = s.profile();
        waitingFor = s.waitingFor();
        waitingOn = s.waitingOn();
        pendingAddr = s.pendingAddr();
        pendingSize = s.pendingSize();
        pendingWrite = s.pendingWrite();
        pendingDrain = s.pendingDrain();
        spinPc = s.spinPc();
        spinEpoch = s.spinEpoch();
        spinRegs = s.spinRegs() == null ? null : s.spinRegs().clone();
        spinHints = s.spinHints();
        tlb.restore(s.tlb());
        switchTo = -1;
        pendingFault = null;
        faultTrapped = false;
        deliverWhenStopped = false;
        flushUnicornTlb = true;
    }

    /** Read-only: this vCPU's TLB model. */
    public Tlb tlb() {
        return tlb;
    }

    public int id() {
        return id;
    }

    public VcpuState state() {
        return state;
    }

    public long pc() {
        return pc;
    }
}
