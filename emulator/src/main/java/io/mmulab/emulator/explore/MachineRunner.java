package io.mmulab.emulator.explore;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.emulator.sched.Scheduler;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an image again and again. The machine boots once, deterministically (a scheduler seeded
 * with the configuration's seed), up to the guest's HC_SCENARIO_START, and is checkpointed
 * there; every run then starts from that checkpoint. An image that never reaches it is booted
 * afresh for every run, the run's scheduler deciding from the first instruction.
 */
public final class MachineRunner implements Runner, AutoCloseable {
    private final ElfImage image;
    private final MachineConfig config;
    private final Consumer<String> console;
    private Machine machine;
    private final boolean checkpointed;
    private final Outcome bootOutcome;
    private final boolean debuggable;

    public MachineRunner(ElfImage image, MachineConfig config, Consumer<String> console) {
        this(image, config, console, false);
    }

    /** @param debuggable boot the machine for a debugger (see {@link Machine#boot(ElfImage, MachineConfig, Scheduler, Consumer, boolean)}) */
    public MachineRunner(ElfImage image, MachineConfig config, Consumer<String> console, boolean debuggable) {
        this.image = image;
        this.config = config;
        this.console = console;
        this.debuggable = debuggable;
        this.machine = Machine.boot(image, config, bootScheduler(config), console, debuggable);
        this.checkpointed = machine.bootToCheckpoint();
        this.bootOutcome = checkpointed ? null : lastOutcome();
    }

    private static Scheduler bootScheduler(MachineConfig config) {
        return new RandomScheduler(config.seed(), config.switchProbability());
    }

    private Outcome lastOutcome() {
        return machine.runToSummary().outcome();
    }

    /** Whether runs start from a checkpoint at the scenario's start. */
    public boolean checkpointed() {
        return checkpointed;
    }

    /** When the boot itself failed before reaching the scenario (no checkpoint), how. */
    public Outcome bootOutcome() {
        return bootOutcome;
    }

    @Override
    public RunResult run(Scheduler scheduler) {
        if (checkpointed) {
            return machine.runFromCheckpoint(scheduler);
        }
        machine.close();
        machine = Machine.boot(image, config, scheduler, console, debuggable);
        Outcome o = machine.run();
        return new RunResult(o, List.copyOf(machine.decisions()), machine.steps());
    }

    /** The machine as the last run left it (for inspection, symbols, events). */
    public Machine machine() {
        return machine;
    }

    @Override
    public void close() {
        machine.close();
    }
}
