package io.mmulab.cli.bench;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.emulator.sched.Scheduler;

/**
 * What going back to the checkpoint costs after a whole run: the machine restores the pages
 * that run dirtied, every vCPU's registers, TLB and store buffer, then makes its first
 * decision, where it is stopped ({@link io.mmulab.emulator.machine.Machine#pauseAfter}). It
 * must not grow with the size of guest memory.
 */
final class RestoreCost {
    private final ElfImage image;
    private final MachineConfig config;
    private final int samples;

    RestoreCost(ElfImage image, MachineConfig config, int samples) {
        this.image = image;
        this.config = config;
        this.samples = samples;
    }

    /** Microseconds per restore, one sample per full run before it. */
    Stats micros() {
        try (MachineRunner runner = new MachineRunner(image, config, t -> { })) {
            double[] us = new double[samples];
            for (int i = -20; i < samples; i++) {
                runner.machine().pauseAfter(Long.MAX_VALUE);
                runner.run(new RandomScheduler(Explorer.runSeed(config.seed(), i + 20), config.switchProbability()));
                runner.machine().pauseAfter(0);
                long t0 = System.nanoTime();
                runner.run(NEVER_ASKED);
                long t = System.nanoTime() - t0;
                if (i >= 0) {
                    us[i] = t / 1000.0;
                }
            }
            runner.machine().pauseAfter(Long.MAX_VALUE);
            return Stats.of(us);
        }
    }

    /** Paused before the first decision: never consulted. */
    private static final Scheduler NEVER_ASKED = new Scheduler() {
        @Override
        public int choose(ChoiceSet c) {
            throw new IllegalStateException("restore benchmark: the machine should have paused");
        }

        @Override
        public String describe() {
            return "none";
        }
    };
}
