package io.mmulab.cli;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;

import java.io.PrintWriter;

/** Boots one image under one configuration and reports how it ended. */
final class GuestRunner {
    private GuestRunner() {
    }

    static Machine.RunSummary run(ElfImage image, MachineConfig config, PrintWriter console) {
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
            return machine.runToSummary();
        }
    }

    /** The exit code for an outcome. */
    static int exitCode(Outcome o) {
        return o.failed() ? ExitCodes.GUEST_FAILURE : ExitCodes.ofGuestStatus(o.status());
    }
}
