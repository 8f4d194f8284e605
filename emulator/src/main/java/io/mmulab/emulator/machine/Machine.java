package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.Segment;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.InstructionStepper;
import io.mmulab.emulator.sched.Scheduler;
import io.mmulab.emulator.unicorn.HookFailedException;
import io.mmulab.emulator.unicorn.Uc;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.mmu.MemoryViews;
import io.mmulab.mmu.PageOwner;
import io.mmulab.mmu.PageOwnership;
import io.mmulab.mmu.model.CommitChoice;
import io.mmulab.mmu.model.MemorySystem;
import io.mmulab.mmu.tlb.BroadcastQueue;
import io.mmulab.mmu.tlb.Tlb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The emulated machine: vCPUs (one unicorn engine each, with its own TLB model and store
 * buffer), committed memory with a private view per vCPU, interrupt controllers, and the run
 * loop. One host thread drives every vCPU; at each decision point the scheduler picks which
 * vCPU steps, which buffered store commits and which pending interrupt is taken, so a run is
 * a deterministic function of image, configuration and seed.
 */
public final class Machine implements AutoCloseable {
    /** What a slice that ran out without any scheduling point costs against the step budget. */
    public static final long SLICE_STEPS = 1_000;
    /** TLB entries per vCPU model. */
    public static final int TLB_CAPACITY = 4096;
    /** Size of the trap page mapped just past guest memory (see {@link VcpuHooks}). */
    static final long TRAP_PAGE_SIZE = 4096;

    private final ElfImage image;
    private final MachineConfig config;
    private Scheduler scheduler;
    /** The scheduler, when it also steps by instructions (a debugger); null otherwise. */
    private InstructionStepper stepper;
    /** Booted for a debugger: from the checkpoint on, every instruction passes {@link #debugStep} first. */
    private final boolean debuggable;
    private VcpuHooks hooks;
    // --- a debugger's stops inside steps (see InstructionStepper); debuggable machines only ---
    /** Instructions the current step has executed (counted by debugStep). */
    private long executed;
    /** No instruction of the running slice has passed debugStep yet. */
    private boolean firstOfSlice;
    /** The vCPU that stopped inside its step (-1: none), and whether at a breakpoint (else at its limit). */
    private int midStepCpu = -1;
    private boolean midStepAtBreakpoint;
    private final ArchOps ops;
    private final MemoryViews views;
    private final MemorySystem memory;
    private final Vcpu[] vcpus;
    private final InterruptController irqs;
    private final PageOwnership ownership;
    private final BroadcastQueue broadcasts = new BroadcastQueue();
    private final ExceptionEntry exceptions;
    private final ChoiceSet choices = new ChoiceSet();
    /** The memory system's commit choices, filled per decision without allocating. */
    private final int[] commitCpus;
    private final long[] commitSeqs;
    private final java.lang.foreign.Arena trapArena = java.lang.foreign.Arena.ofShared();
    private final Consumer<String> console;
    private final StringBuilder consoleText = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();

    private long steps;
    private long switches;
    // --- the runaway watchdog (see Watchdog) ---
    private final Object sliceLock = new Object();
    private Vcpu slicing;
    private long sliceStart;
    private boolean closed;
    private volatile boolean runaway;
    /** When the running slice last reached a scheduling point (0: not yet), for the runaway report only. */
    private long lastPointNanos;

    /** From the watchdog thread: stops the running slice if it has run longer than {@code limitNanos}. */
    void stopIfRunaway(long now, long limitNanos) {
        synchronized (sliceLock) {
            if (!closed && slicing != null && now - sliceStart > limitNanos) {
                runaway = true;
                try {
                    slicing.uc.emuStop();
                } catch (RuntimeException e) {
                    // the slice ended meanwhile: nothing to stop
                }
            }
        }
    }

    /** The running step touched more than its offered footprint (told to the next decision). */
    private boolean stepWidened;
    /** Footprint flags the running step added (ChoiceSet.WALK): told to the next decision. */
    private int stepFlags;
    /** Moves whenever something a spinning vCPU could see changes (see SpinDetector). */
    private long epoch;
    private final SpinDetector spins;
    private final PrivateStacks stacks;
    private Outcome outcome;

    /** Events for diagrams, when recording (see {@link #recordEvents}). */
    private List<MachineEvent> events;

    /** Decisions made since the checkpoint (or since boot, when there is none). */
    private final List<Decision> decisions = new ArrayList<>();
    /** The guest said its scenario starts (HC_SCENARIO_START): checkpoint once the hook has returned. */
    private boolean checkpointRequested;
    private boolean stopAtCheckpoint;
    private Checkpoint checkpoint;
    /** Use-after-free oracles run only once the guest's allocator annotations are in place. */
    private boolean oraclesArmed;
    private int current;

    private Machine(ElfImage image, MachineConfig config, Scheduler scheduler, Consumer<String> console,
                    boolean debuggable) {
        this.image = image;
        this.debuggable = debuggable;
        this.config = config;
        setScheduler(scheduler);
        this.console = console;
        this.ops = ArchOps.of(config.arch());
        this.spins = new SpinDetector(ops);
        this.stacks = PrivateStacks.of(image, config.vcpus());
        this.views = MemoryViews.allocate(config.memBytes(), config.vcpus());
        this.memory = new MemorySystem(views, config.model(), MachineConfig.STORE_BUFFER_CAPACITY);
        this.commitCpus = new int[memory.maxCommitChoices()];
        this.commitSeqs = new long[memory.maxCommitChoices()];
        this.vcpus = new Vcpu[config.vcpus()];
        this.irqs = new InterruptController(config.vcpus());
        this.ownership = new PageOwnership(config.memBytes());
        this.exceptions = config.arch() == Arch.X86_64 ? new X86ExceptionEntry(ops, memory) : new Arm64ExceptionEntry();
    }

    /**
     * Loads the image and prepares vCPU 0 at its entry, translation off; the others parked.
     *
     * @throws IllegalArgumentException when image and configuration do not fit together
     */
    public static Machine boot(ElfImage image, MachineConfig config, Scheduler scheduler, Consumer<String> console) {
        return boot(image, config, scheduler, console, false);
    }

    /**
     * @param debuggable whether a debugger will stop vCPUs inside their steps ({@link InstructionStepper}):
     *                   from the checkpoint on, every instruction then goes through a hook of ours first,
     *                   which makes runs slower but not different
     */
    public static Machine boot(ElfImage image, MachineConfig config, Scheduler scheduler, Consumer<String> console,
                               boolean debuggable) {
        if (image.arch() != config.arch()) {
            throw new IllegalArgumentException(image.path() + " is an " + image.arch() + " image, but the machine is "
                    + config.arch());
        }
        Machine m = new Machine(image, config, scheduler, console, debuggable);
        try {
            m.load();
            Watchdog.register(m);
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private void load() {
        for (Segment s : image.segments()) {
            if (Long.compareUnsigned(s.paddr() + s.memSize(), config.memBytes()) > 0 || s.paddr() < 0) {
                throw new IllegalArgumentException(String.format(
                        "%s: segment at physical 0x%x..0x%x does not fit in %d MiB of memory", image.path(),
                        s.paddr(), s.paddr() + s.memSize(), config.memBytes() >> 20));
            }
            views.loadEverywhere(s.paddr(), s.data());
            ownership.set(s.paddr() >>> 12, ((s.paddr() + s.memSize() + 4095) >>> 12) - (s.paddr() >>> 12),
                    PageOwner.KERNEL, 0);
        }
        CodeMap code = CodeMap.of(image);
        java.lang.foreign.MemorySegment trap = trapArena.allocate(TRAP_PAGE_SIZE, TRAP_PAGE_SIZE);
        hooks = new VcpuHooks(this, ops, memory, code, new Hypercalls(this, ops));
        for (int i = 0; i < vcpus.length; i++) {
            Unicorn uc = Unicorn.open(config.arch());
            vcpus[i] = new Vcpu(i, uc, views.view(i), new Preemption(uc.saveContext(),
                    config.arch() == Arch.X86_64 ? io.mmulab.emulator.unicorn.X86Reg.RFLAGS
                            : io.mmulab.emulator.unicorn.Arm64Reg.NZCV), new Tlb(i, TLB_CAPACITY));
            uc.setTlbMode(true);
            uc.memMapPtr(0, views.view(i).segment(), Uc.PROT_ALL);
            uc.memMapPtr(trapBase(), trap, Uc.PROT_READ | Uc.PROT_WRITE);
            hooks.install(vcpus[i]);
        }
        if (vcpus.length > 1) {
            views.addCommitListener(SpinTable.of(image, this));
        }
        views.addCommitListener(this::committed);
        start(vcpus[0], image.entry());
    }

    /** Starts a parked vCPU at a physical address, translation off, boot registers set. */
    void start(Vcpu v, long pc) {
        ops.setBootRegisters(v.uc, v.id, vcpus.length, config.memBytes());
        v.uc.writeReg(ops.pc(), pc);
        v.pc = pc;
        v.state = VcpuState.RUNNABLE;
    }

    /** What a finished run leaves behind. */
    public record RunSummary(Outcome outcome, String console, List<VcpuState> states, long steps, long switches) {
    }

    /** {@link #run()}, then everything worth keeping once the machine is closed. */
    public RunSummary runToSummary() {
        Outcome o = run();
        List<VcpuState> states = new ArrayList<>();
        for (Vcpu v : vcpus) {
            states.add(v.state);
        }
        return new RunSummary(o, consoleText(), List.copyOf(states), steps, switches);
    }

    private void setScheduler(Scheduler s) {
        scheduler = s;
        stepper = s instanceof InstructionStepper i ? i : null;
        midStepCpu = -1;
    }

    /** Runs until done, failure, hang or budget; null when it paused (see {@link #pauseAfter}) or reached the checkpoint. */
    public Outcome run() {
        paused = false;
        while (outcome == null && !paused) {
            Vcpu v = vcpus[current];
            if (v.state != VcpuState.RUNNABLE) {
                if (!decideNext()) {
                    break;
                }
                continue;
            }
            if (steps >= config.maxSteps()) {
                finish(Reports.budget(this));
                break;
            }
            runSlice(v);
            if (checkpointRequested) {
                checkpointRequested = false;
                takeCheckpoint();
                if (stopAtCheckpoint) {
                    return null;
                }
            }
            if (outcome != null || paused) {
                break;
            }
            if (midStepCpu == v.id) {
                // Stopped inside its step: no decision; v goes on with the same step when it runs again.
                if (!stepper.midStep(v.id, executed, midStepAtBreakpoint)) {
                    paused = true;
                    break;
                }
                continue;
            }
            if (v.deliverWhenStopped) {
                v.deliverWhenStopped = false;
                takeInterrupt(v);
            } else if (v.switchTo >= 0) {
                current = v.switchTo;
            } else if (v.state == VcpuState.RUNNABLE) {
                // The slice ran out without any scheduling point: preempt here too.
                steps += SLICE_STEPS - 1;
                if (!decideNext()) {
                    break;
                }
            }
        }
        return paused ? null : outcome;
    }

    /**
     * Before every instruction of a debuggable machine, ahead of every other hook: counts the
     * instructions of the current step, and stops before this one when the debugger's limit is
     * reached or at one of its breakpoints (not the first instruction of a slice: that is where
     * the vCPU stopped last time). Stopped like any other stop before an instruction, rolled back.
     */
    private void debugStep(Vcpu v, long pc) {
        if (stepper == null || v.preemption.active() || outcome != null) {
            return;
        }
        boolean first = firstOfSlice;
        firstOfSlice = false;
        long limit = stepper.instructionLimit(v.id);
        boolean atLimit = limit > 0 && executed >= limit;
        if (atLimit || (!first && stepper.breaksAt(pc))) {
            midStepCpu = v.id;
            midStepAtBreakpoint = !atLimit;
            v.preemption.begin(v);
            v.uc.emuStop();
            return;
        }
        executed++;
    }

    /** A decision with no vCPU running; false when the run ends (hang, budget) or pauses. */
    private boolean decideNext() {
        int next = decide(null, current);
        if (next == PAUSED) {
            return false;
        }
        if (next < 0) {
            finish(next == BUDGET ? Reports.budget(this) : Reports.hang(this));
            return false;
        }
        current = next;
        return true;
    }

    /** Runs v until a hook stops it, its slice ends, or it faults (then enters the guest's handler). */
    private void runSlice(Vcpu v) {
        if (v.flushUnicornTlb) {
            v.uc.flushTlb();
            v.flushUnicornTlb = false;
        }
        v.switchTo = -1;
        v.pendingFault = null;
        // Going on with a step stopped inside keeps what the step has touched so far.
        boolean continuing = midStepCpu == v.id;
        midStepCpu = -1;
        if (!continuing) {
            v.pendingAddr = ChoiceSet.UNKNOWN;
            v.pendingDrain = false;
            v.stepAddr = ChoiceSet.UNKNOWN;
        }
        firstOfSlice = true;
        int err;
        long stepsAtStart = steps;
        lastPointNanos = 0;
        synchronized (sliceLock) {
            slicing = v;
            sliceStart = System.nanoTime();
        }
        try {
            // No instruction count: unicorn counts with a per-instruction hook (see Watchdog).
            err = v.uc.tryEmuStart(v.pc, 0, 0, 0);
        } catch (HookFailedException e) {
            v.pc = v.uc.readReg(ops.pc());
            finish(Reports.emulatorError(this, v, e));
            return;
        } finally {
            synchronized (sliceLock) {
                slicing = null;
            }
        }
        if (runaway) {
            runaway = false;
            if (v.preemption.active()) {
                v.preemption.rollBack(v);
            }
            v.pc = v.uc.readReg(ops.pc());
            // Still deciding lately: the scheduler kept choosing v at its scheduling points (only
            // the wording depends on this; a runaway depends on the host's speed anyway).
            boolean deciding = lastPointNanos != 0
                    && System.nanoTime() - lastPointNanos < Watchdog.LIMIT_MILLIS * 1_000_000L / 2;
            finish(Reports.runaway(this, v, Watchdog.LIMIT_MILLIS, deciding ? steps - stepsAtStart : 0));
            return;
        }
        if (v.preemption.active()) {
            // Stopped before an instruction: whatever it still did is undone, a fault included
            // (it faults again when it re-executes), unless the stop was that fault's own.
            v.preemption.rollBack(v);
            if (!v.faultTrapped) {
                v.pendingFault = null;
            }
            err = Uc.ERR_OK;
        }
        v.pc = v.uc.readReg(ops.pc());
        if (outcome != null) {
            return;
        }
        if (midStepCpu == v.id) {
            return;
        }
        if (v.faultTrapped) {
            v.faultTrapped = false;
        } else if (err == Uc.ERR_OK) {
            return;
        } else if (v.pendingFault == null) {
            finish(Reports.engineError(this, v, err));
            return;
        } else {
            // An instruction fetch: unicorn ended with the PC on it, which is the address.
            TranslationFault f = v.pendingFault;
            long page = f.va() & ~(TRAP_PAGE_SIZE - 1);
            long exact = v.pc - page >= 0 && v.pc - page < TRAP_PAGE_SIZE ? v.pc : f.va();
            v.pendingFault = new TranslationFault(exact, f.access(), f.walk());
        }
        TranslationFault f = v.pendingFault;
        v.pendingFault = null;
        String why = exceptions.fault(v, f);
        if (why != null) {
            finish(Reports.faultDuringDelivery(this, v, f, why));
        }
    }

    private static final int HANG = -1;
    private static final int BUDGET = -2;
    private static final int PAUSED = -3;

    /** Stop (without an outcome) once this many decisions were made: replay --until. */
    private long pauseAfter = Long.MAX_VALUE;
    private boolean paused;

    /** The next run stops, state kept for inspection, once it has made {@code n} decisions. */
    public void pauseAfter(long n) {
        pauseAfter = n;
    }

    /** Whether the last run stopped at {@link #pauseAfter}. */
    public boolean paused() {
        return paused;
    }

    /**
     * A decision point. {@code running} is the vCPU whose hook asks (null when none is
     * running); commits and deliveries the scheduler picks are carried out here until it
     * picks a step. Returns the vCPU to step next, {@link #HANG} when nothing at all can
     * happen, {@link #BUDGET} when the budget ran out.
     */
    private int decide(Vcpu running, int current) {
        while (true) {
            if (decisions.size() >= pauseAfter) {
                paused = true;
                return PAUSED;
            }
            if (++steps >= config.maxSteps()) {
                return BUDGET;
            }
            choices.reset(running == null ? -1 : current);
            choices.setPreviousWidened(stepWidened);
            choices.setPreviousFlags(stepFlags);
            stepWidened = false;
            stepFlags = 0;
            for (Vcpu x : vcpus) {
                if (x.state == VcpuState.SPINNING && x.spinEpoch != epoch) {
                    x.state = VcpuState.RUNNABLE;
                }
                if (x.state == VcpuState.RUNNABLE && !(x.pendingDrain && memory.hasPending(x.id))) {
                    choices.addStep(x.id, x.pendingAddr, x.pendingSize, x.pendingWrite, ptFlag(x.pendingAddr));
                }
            }
            for (int k = 0, n = memory.commitChoices(commitCpus, commitSeqs); k < n; k++) {
                int c = commitCpus[k];
                long seq = commitSeqs[k];
                long pa = memory.pendingAddress(c, seq);
                choices.addCommit(c, seq, pa, memory.pendingSize(c, seq), ptFlag(pa));
            }
            for (Vcpu x : vcpus) {
                if (deliverable(x)) {
                    choices.addDeliver(x.id);
                }
            }
            if (choices.size() == 0) {
                return HANG;
            }
            int i = scheduler.choose(choices);
            if (i < 0 || i >= choices.size()) {
                throw new IllegalStateException(scheduler.describe() + " chose option " + i + " of " + choices);
            }
            decisions.add(Decision.of(choices, i));
            int cpu = choices.cpu(i);
            // The step of a vCPU going on inside its hook has executed the instruction at hand (debugStep
            // counted it); any other starts with the instruction it stands on.
            executed = running != null && running.id == cpu && choices.kind(i) == ChoiceSet.Kind.STEP ? 1 : 0;
            switch (choices.kind(i)) {
                case STEP -> {
                    if (cpu != current) {
                        switches++;
                    }
                    this.current = cpu;
                    return cpu;
                }
                case COMMIT -> {
                    if (events != null) {
                        for (io.mmulab.mmu.model.PendingStore p : memory.pending(cpu)) {
                            if (p.seq() == choices.arg(i)) {
                                events.add(new MachineEvent(steps, cpu, vcpus[cpu].pc, MachineEvent.Kind.COMMIT, p.pa(),
                                        p.size(), p.value()));
                            }
                        }
                    }
                    quietCommits = true;
                    try {
                        memory.commit(cpu, choices.arg(i));
                    } finally {
                        quietCommits = false;
                    }
                }
                case DELIVER -> {
                    epoch++;
                    if (vcpus[cpu] == running) {
                        running.deliverWhenStopped = true;
                        return cpu;
                    }
                    takeInterrupt(vcpus[cpu]);
                    if (outcome != null) {
                        return cpu;
                    }
                }
            }
        }
    }

    /**
     * A scheduling point of the running vCPU {@code v}, inside one of its hooks. Returns true
     * when {@code v} must stop before the access or instruction at hand (the hook then stops
     * the engine, and the instruction re-executes when {@code v} runs again).
     */
    boolean schedulingPoint(Vcpu v) {
        lastPointNanos = System.nanoTime();
        current = v.id;
        int next = decide(v, v.id);
        if (next == v.id && !v.deliverWhenStopped) {
            return false;
        }
        if (next == PAUSED) {
            next = v.id;
        }
        v.switchTo = next >= 0 ? next : v.id;
        return true;
    }

    private boolean deliverable(Vcpu x) {
        if (!irqs.hasPending(x.id)) {
            return false;
        }
        if (x.state == VcpuState.RUNNABLE || x.state == VcpuState.SPINNING) {
            return !ops.irqsMasked(x.uc);
        }
        // wfi wakes on a pending interrupt even while masked; x86 hlt needs IF set.
        return x.state == VcpuState.HALTED && (config.arch() == Arch.ARM64 || !ops.irqsMasked(x.uc));
    }

    /** Delivers x's lowest pending interrupt (or, for a masked wfi, just wakes it). */
    private void takeInterrupt(Vcpu x) {
        boolean masked = ops.irqsMasked(x.uc);
        if (x.state == VcpuState.HALTED || x.state == VcpuState.SPINNING) {
            x.state = VcpuState.RUNNABLE;
        }
        if (masked) {
            return;
        }
        int irq = irqs.lowestPending(x.id);
        event(x, x.pc, MachineEvent.Kind.IRQ, -1, 0, irq);
        String why = exceptions.interrupt(x, irq);
        if (why != null) {
            finish(new Outcome(Outcome.Kind.GUEST_FAULT, 0, "cpu " + x.id + " cannot take interrupt " + irq
                    + " at " + Reports.where(this, x.pc) + ": " + why, x.id, x.pc));
        }
    }

    // --- checkpoint, runs from it, and the decisions that make a run replayable ---

    /** The guest's HC_SCENARIO_START: the first one requests a checkpoint and arms the oracles. */
    void scenarioStarted(Vcpu v) {
        oraclesArmed = true;
        if (checkpoint == null) {
            checkpointRequested = true;
        }
    }

    boolean oraclesArmed() {
        return oraclesArmed;
    }

    boolean checkpointPending() {
        return checkpointRequested;
    }

    /**
     * Boots to the scenario's checkpoint. Returns true when the checkpoint was taken (the
     * machine stops there); false when the run ended first ({@link #run()}'s outcome then).
     */
    public boolean bootToCheckpoint() {
        stopAtCheckpoint = true;
        try {
            return run() == null && checkpoint != null;
        } finally {
            stopAtCheckpoint = false;
        }
    }

    public boolean hasCheckpoint() {
        return checkpoint != null;
    }

    /** Back to the checkpoint, then one run under {@code s} to its end. */
    public io.mmulab.emulator.explore.RunResult runFromCheckpoint(Scheduler s) {
        if (checkpoint == null) {
            throw new IllegalStateException("no checkpoint: the image never reached HC_SCENARIO_START");
        }
        restoreCheckpoint();
        setScheduler(s);
        Outcome o = run();
        return new io.mmulab.emulator.explore.RunResult(o, List.copyOf(decisions), steps);
    }

    /** From now on (and after each restore) keep every shared access, commit and interrupt as an event. */
    public void recordEvents(boolean on) {
        events = on ? new ArrayList<>() : null;
    }

    public List<MachineEvent> events() {
        return events == null ? List.of() : Collections.unmodifiableList(events);
    }

    void event(Vcpu v, long pc, MachineEvent.Kind kind, long addr, int size, long value) {
        if (events != null) {
            events.add(new MachineEvent(steps, v.id, pc, kind, addr, size, value));
        }
    }

    /** TLB maintenance by {@code v}, for the debugger's timeline (described as the instruction says it). */
    void tlbEvent(Vcpu v, String what) {
        describedEvent(v, MachineEvent.Kind.TLB, what);
    }

    void describedEvent(Vcpu v, MachineEvent.Kind kind, String what) {
        if (events != null) {
            events.add(new MachineEvent(steps, v.id, v.uc.readReg(ops.pc()), kind, -1, 0, 0, what));
        }
    }

    /** The decisions since the checkpoint (or boot) so far. */
    public List<Decision> decisions() {
        return Collections.unmodifiableList(decisions);
    }

    /** The state at the checkpoint: every vCPU stopped at a clean instruction boundary. */
    private record Checkpoint(io.mmulab.emulator.unicorn.Context[] registers, Vcpu.Snapshot[] vcpus, Object memory,
                              long[][] irqs, java.util.Map<Integer, List<BroadcastQueue.Pending>> broadcasts,
                              boolean[] exposedStacks, long steps, long switches, long epoch, int console, int warnings, int current) {
    }

    private void takeCheckpoint() {
        io.mmulab.emulator.unicorn.Context[] regs = new io.mmulab.emulator.unicorn.Context[vcpus.length];
        Vcpu.Snapshot[] snaps = new Vcpu.Snapshot[vcpus.length];
        for (int i = 0; i < vcpus.length; i++) {
            regs[i] = vcpus[i].uc.saveContext();
            snaps[i] = vcpus[i].snapshot();
        }
        views.checkpoint();
        ownership.checkpoint();
        checkpoint = new Checkpoint(regs, snaps, memory.saveState(), irqs.snapshot(), broadcasts.snapshot(), stacks.snapshot(), steps,
                switches, epoch, consoleText.length(), warnings.size(), current);
        decisions.clear();
        if (debuggable) {
            // Only now: a hook on every instruction slows the boot's long private loops (memset
            // of the memory map) several times over, and nobody steps those.
            for (Vcpu v : vcpus) {
                hooks.hookEveryInstruction(v, (a, size) -> debugStep(v, a));
            }
        }
    }

    /** Costs in proportion to what the last run changed, not to the size of memory. */
    private void restoreCheckpoint() {
        Checkpoint c = checkpoint;
        views.rollback();
        ownership.rollback();
        memory.restoreState(c.memory());
        irqs.restore(c.irqs());
        broadcasts.restore(c.broadcasts());
        stacks.restore(c.exposedStacks());
        for (int i = 0; i < vcpus.length; i++) {
            vcpus[i].uc.restoreContext(c.registers()[i]);
            vcpus[i].restore(c.vcpus()[i]);
        }
        steps = c.steps();
        switches = c.switches();
        epoch = c.epoch();
        consoleText.setLength(c.console());
        while (warnings.size() > c.warnings()) {
            warnings.remove(warnings.size() - 1);
        }
        current = c.current();
        outcome = null;
        oraclesArmed = true;
        decisions.clear();
        if (events != null) {
            events.clear();
        }
    }

    /**
     * An access to a physical page the guest's allocator has freed. Through a TLB entry filled
     * before the free whose translation is gone from the page tables, it is a stale-TLB
     * use-after-free; otherwise a plain one.
     */
    void useAfterFree(Vcpu v, boolean write, long pa, int size, long pc) {
        long pfn = pa >>> 12;
        long freedAt = ownership.lastFreedStep(pfn);
        io.mmulab.mmu.PageWalker fresh = io.mmulab.mmu.PageWalker.of(views.committed(), ops.regime(v.uc));
        for (io.mmulab.mmu.tlb.TlbEntry e : v.tlb.entries()) {
            boolean maps = Long.compareUnsigned(pa - e.pa(), e.pageSize()) < 0;
            if (maps && e.fillStep() < freedAt) {
                long va = e.va() + (pa - e.pa());
                io.mmulab.mmu.WalkResult now = fresh.walk(va, write ? io.mmulab.mmu.AccessType.WRITE
                        : io.mmulab.mmu.AccessType.READ, e.privilege());
                if (!now.ok() || now.pa() != pa) {
                    finish(new Outcome(Outcome.Kind.STALE_TLB_UAF, 0, String.format(
                            "cpu %d %s of %d bytes at va 0x%x (pa 0x%x) at pc %s through a stale TLB entry: filled at"
                                    + " step %d, the page was freed at step %d and the page tables now say %s",
                            v.id, write ? "write" : "read", size, va, pa, Reports.where(this, pc), e.fillStep(),
                            freedAt, now.ok() ? "0x" + Long.toHexString(now.pa()) : now.fault() + " fault"), v.id, pc));
                    return;
                }
            }
        }
        finish(new Outcome(Outcome.Kind.PHYS_UAF, 0, String.format(
                "cpu %d %s of %d bytes at pa 0x%x at pc %s: the page was freed at step %d", v.id,
                write ? "write" : "read", size, pa, Reports.where(this, pc), freedAt), v.id, pc));
    }

    void block(Vcpu v) {
        v.state = VcpuState.BLOCKED;
    }

    private void wakeBlocked() {
        for (Vcpu x : vcpus) {
            if (x.state == VcpuState.BLOCKED) {
                x.state = VcpuState.RUNNABLE;
            }
        }
    }

    /** Whether {@code v}'s access at {@code pa} is to its own unshared stack (not a scheduling point). */
    boolean privateAccess(Vcpu v, long pa) {
        return stacks.isPrivate(v.id, pa);
    }

    /**
     * The running step did something its offered footprint does not cover: walked page tables,
     * made a hypercall, parked, or accessed bytes other than those it was offered with.
     */
    void widenStep() {
        stepWidened = true;
    }

    /** Commits that are a decision of their own, or a private store's: not part of a step's effect. */
    private boolean quietCommits;

    /**
     * Every store that becomes visible, however it got there: spinning vCPUs look again, vCPUs
     * blocked behind a held atomic write retry (a fully ordered atomic drains it inside its own
     * hook, not through a commit decision), and a commit the running step makes by the way (a
     * barrier or a fully ordered atomic draining the buffer) widens that step unless its
     * footprint covers it.
     */
    private void committed(int cpu, long pa, int size, long value) {
        epoch++;
        wakeBlocked();
        Vcpu v = slicing;   // (written by this thread; the watchdog reads it under the lock)
        if (quietCommits || v == null) {
            return;
        }
        if (!v.stepAccountsFor(cpu, pa, size, true)) {
            widenStep();
        }
    }

    /** Around a private store (its own stack): published without being a step's effect. */
    void quietCommits(boolean on) {
        quietCommits = on;
    }

    /** {@link ChoiceSet#PT_PAGE} when {@code pa} lies in a page the guest says holds page tables. */
    private int ptFlag(long pa) {
        return pa >= 0 && ownership.owner(pa >>> 12) == PageOwner.PAGE_TABLE ? ChoiceSet.PT_PAGE : 0;
    }

    /**
     * The running step walked page tables. When every entry it read lies in a page the guest
     * keeps page tables in, that is a read of page-table pages (dependent with writes there
     * only); an entry anywhere else makes the step dependent with everything.
     */
    void stepWalked(io.mmulab.mmu.WalkResult w) {
        for (io.mmulab.mmu.PageTableEntryRef e : w.chain()) {
            if (ownership.owner(e.entryAddress() >>> 12) != PageOwner.PAGE_TABLE) {
                widenStep();
                return;
            }
        }
        stepFlags |= ChoiceSet.WALK;
    }

    /** A store was issued, an interrupt raised, a TLB invalidated: spinning vCPUs look again. */
    void progress() {
        epoch++;
    }

    /**
     * {@code v} is at a spin hint at {@code pc}: true when it parked there (it is back at a hint
     * it passed before, registers and all, with nothing changed since: a cycle; see SpinDetector).
     */
    boolean parkIfSpinning(Vcpu v, long pc) {
        if (!spins.repeats(v, pc, epoch)) {
            return false;
        }
        v.state = VcpuState.SPINNING;
        widenStep();
        return true;
    }

    void setState(Vcpu v, VcpuState s) {
        v.state = s;
    }

    /** A DSB on {@code v}: its broadcast TLB invalidations now reach every other vCPU. */
    void completeBroadcastTlbi(Vcpu v) {
        epoch++;
        List<BroadcastQueue.Pending> done = broadcasts.completeOnDsb(v.id);
        if (!done.isEmpty()) {
            tlbEvent(v, "DSB: " + done.size() + " broadcast TLBI" + (done.size() == 1 ? "" : "s")
                    + " performed on every other CPU");
        }
        for (BroadcastQueue.Pending p : done) {
            for (Vcpu x : vcpus) {
                if (x != v && x.tlb.arm64Tlbi(p.op(), p.xt())) {
                    x.flushUnicornTlb = true;
                }
            }
        }
    }

    /** Ends the run (first outcome wins). */
    void finish(Outcome o) {
        if (outcome == null) {
            outcome = o;
        }
    }

    boolean finished() {
        return outcome != null;
    }

    void consoleWrite(String text) {
        consoleText.append(text);
        console.accept(text);
    }

    void warn(String line) {
        warnings.add(line);
    }

    public ElfImage image() {
        return image;
    }

    /** Physical address of the trap page: just past guest memory, never a walk's result. */
    long trapBase() {
        return config.memBytes();
    }

    public MachineConfig config() {
        return config;
    }

    public Arch arch() {
        return config.arch();
    }

    public List<Vcpu> vcpus() {
        return Collections.unmodifiableList(java.util.Arrays.asList(vcpus));
    }

    Vcpu vcpu(int i) {
        return vcpus[i];
    }

    public MemoryViews memory() {
        return views;
    }

    public MemorySystem memorySystem() {
        return memory;
    }

    InterruptController interrupts() {
        return irqs;
    }

    BroadcastQueue broadcasts() {
        return broadcasts;
    }

    public PageOwnership ownership() {
        return ownership;
    }

    public String consoleText() {
        return consoleText.toString();
    }

    /** WARN reports seen so far (the run goes on after a WARN). */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public long steps() {
        return steps;
    }

    public long switches() {
        return switches;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    ArchOps ops() {
        return ops;
    }

    @Override
    public void close() {
        Watchdog.unregister(this);
        synchronized (sliceLock) {
            closed = true;
        }
        for (Vcpu v : vcpus) {
            if (v != null) {
                v.uc.close();
            }
        }
        views.close();
        trapArena.close();
    }
}
