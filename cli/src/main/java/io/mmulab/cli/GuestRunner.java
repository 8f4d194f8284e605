package io.mmulab.cli;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.MachineInspector;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;

import java.io.PrintWriter;

/** Boots one image under one configuration and reports how it ended. */
final class GuestRunner {
    private GuestRunner() {
    }

    static Machine.RunSummary run(ElfImage image, MachineConfig config, PrintWriter console) {
        return run(image, config, console, false);
    }

    /** With {@code dump}, the machine's state after the run goes to the console too. */
    static Machine.RunSummary run(ElfImage image, MachineConfig config, PrintWriter console, boolean dump) {
        RandomScheduler scheduler = new RandomScheduler(config.seed(), config.switchProbability());
        Machine machine;
        try {
            machine = Machine.boot(image, config, scheduler, text -> {
                console.print(text);
                console.flush();
            });
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try (machine) {
            Machine.RunSummary r = machine.runToSummary();
            if (dump) {
                console.print(new MachineInspector(machine).dump());
                console.flush();
            }
            return r;
        }
    }

    /** The exit code for an outcome. */
    static int exitCode(Outcome o) {
        return o.failed() ? ExitCodes.GUEST_FAILURE : ExitCodes.ofGuestStatus(o.status());
    }
}
