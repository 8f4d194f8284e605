package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.Segment;
import io.mmulab.emulator.sched.Scheduler;
import io.mmulab.emulator.unicorn.HookFailedException;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.emulator.unicorn.UnicornException;
import io.mmulab.mmu.MemoryViews;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The emulated machine: vCPUs (one unicorn engine each), committed memory with a private
 * view per vCPU, and the run loop. One host thread drives every vCPU; the scheduler decides
 * at each scheduling point which vCPU moves next, so a run is a deterministic function of
 * image, configuration and seed.
 */
public final class Machine implements AutoCloseable {
    /** Instructions a vCPU may run in one go without reaching any scheduling point. */
    public static final long SLICE_INSTRUCTIONS = 100_000;
    /** What such a slice costs against the step budget (it bounds runaway loops that touch no memory). */
    public static final long SLICE_STEPS = 1_000;

    private final ElfImage image;
    private final MachineConfig config;
    private final Scheduler scheduler;
    private final ArchOps ops;
    private final MemoryViews memory;
    private final Vcpu[] vcpus;
    private final Consumer<String> console;
    private final StringBuilder consoleText = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();

    private int[] runnable = new int[0];
    private boolean runnableDirty = true;
    private long steps;
    private long switches;
    private Outcome outcome;

    private Machine(ElfImage image, MachineConfig config, Scheduler scheduler, Consumer<String> console) {
        this.image = image;
        this.config = config;
        this.scheduler = scheduler;
        this.console = console;
        this.ops = ArchOps.of(config.arch());
        this.memory = MemoryViews.allocate(config.memBytes(), config.vcpus());
        this.vcpus = new Vcpu[config.vcpus()];
    }

    /**
     * Loads the image and prepares vCPU 0 at its entry, translation off; the others parked.
     *
     * @throws IllegalArgumentException when image and configuration do not fit together
     */
    public static Machine boot(ElfImage image, MachineConfig config, Scheduler scheduler, Consumer<String> console) {
        if (image.arch() != config.arch()) {
            throw new IllegalArgumentException(image.path() + " is an " + image.arch() + " image, but the machine is "
                    + config.arch());
        }
        Machine m = new Machine(image, config, scheduler, console);
        try {
            m.load();
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
            memory.loadEverywhere(s.paddr(), s.data());
        }
        CodeMap code = CodeMap.of(image);
        VcpuHooks hooks = new VcpuHooks(this, ops, memory, code, new Hypercalls(this, ops));
        for (int i = 0; i < vcpus.length; i++) {
            Unicorn uc = Unicorn.open(config.arch());
            vcpus[i] = new Vcpu(i, uc, memory.view(i), new Preemption(uc.saveContext()));
            uc.setTlbMode(true);
            uc.memMapPtr(0, memory.view(i).segment(), io.mmulab.emulator.unicorn.Uc.PROT_ALL);
            hooks.install(vcpus[i]);
        }
        if (vcpus.length > 1) {
            memory.addCommitListener(SpinTable.of(image, this));
        }
        start(vcpus[0], image.entry());
    }

    /** Starts a parked vCPU at a physical address, translation off, boot registers set. */
    void start(Vcpu v, long pc) {
        ops.setBootRegisters(v.uc, v.id, vcpus.length, config.memBytes());
        v.uc.writeReg(ops.pc(), pc);
        v.pc = pc;
        v.state = VcpuState.RUNNABLE;
        runnableDirty = true;
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

    /** Runs until done, failure, hang or budget. */
    public Outcome run() {
        int current = 0;
        while (outcome == null) {
            Vcpu v = vcpus[current];
            if (v.state != VcpuState.RUNNABLE) {
                int[] r = runnable();
                if (r.length == 0) {
                    finish(Reports.hang(this));
                    break;
                }
                current = pick(current, r);
                continue;
            }
            if (steps >= config.maxSteps()) {
                finish(Reports.budget(this));
                break;
            }
            v.switchTo = -1;
            try {
                v.uc.emuStart(v.pc, 0, 0, SLICE_INSTRUCTIONS);
            } catch (HookFailedException e) {
                v.pc = v.uc.readReg(ops.pc());
                finish(Reports.emulatorError(this, v, e));
                break;
            } catch (UnicornException e) {
                v.pc = v.uc.readReg(ops.pc());
                finish(v.pendingFault != null ? Reports.guestFault(this, v) : Reports.engineError(this, v, e));
                break;
            }
            if (v.preemption.active()) {
                v.preemption.rollBack(v);
            }
            v.pc = v.uc.readReg(ops.pc());
            if (outcome != null) {
                break;
            }
            if (v.switchTo >= 0) {
                current = v.switchTo;
            } else if (v.state == VcpuState.RUNNABLE) {
                // The slice ran out without any scheduling point: preempt here too.
                steps += SLICE_STEPS;
                current = pick(current, runnable());
            }
        }
        return outcome;
    }

    /**
     * A scheduling point of the running vCPU {@code v}: asks the scheduler. Returns true when
     * {@code v} must stop before the access or instruction at hand (the hook then stops the
     * engine and the instruction re-executes when {@code v} runs again).
     */
    boolean schedulingPoint(Vcpu v) {
        steps++;
        if (steps >= config.maxSteps()) {
            v.switchTo = v.id;
            return true;
        }
        int next = pick(v.id, runnable());
        if (next != v.id) {
            v.switchTo = next;
            return true;
        }
        return false;
    }

    private int pick(int current, int[] r) {
        int next = scheduler.pick(current, r);
        if (next != current) {
            switches++;
        }
        return next;
    }

    void setState(Vcpu v, VcpuState s) {
        v.state = s;
        runnableDirty = true;
    }

    int[] runnable() {
        if (runnableDirty) {
            int n = 0;
            for (Vcpu v : vcpus) {
                if (v.state == VcpuState.RUNNABLE) {
                    n++;
                }
            }
            int[] r = new int[n];
            n = 0;
            for (Vcpu v : vcpus) {
                if (v.state == VcpuState.RUNNABLE) {
                    r[n++] = v.id;
                }
            }
            runnable = r;
            runnableDirty = false;
        }
        return runnable;
    }

    /** Ends the run (first outcome wins) and stops the engine that is running, if any. */
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
        return memory;
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
        for (Vcpu v : vcpus) {
            if (v != null) {
                v.uc.close();
            }
        }
        memory.close();
    }
}
