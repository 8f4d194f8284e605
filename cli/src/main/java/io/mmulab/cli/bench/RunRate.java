package io.mmulab.cli.bench;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.explore.PctScheduler;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.emulator.sched.Scheduler;

/**
 * Runs per second of one image under pct (the default strategy, depth 3): every run from the
 * scenario checkpoint (what {@code run} does), and, for comparison, every run booting the
 * image afresh. Run {@code i} gets the same scheduler in both (seed {@link Explorer#runSeed},
 * {@code k} from one calibrating random run), so both do the same work after the checkpoint;
 * the difference is what the checkpoint saves.
 */
final class RunRate {
    private final ElfImage image;
    private final MachineConfig config;
    private final long millis;
    private long expectedSteps;

    RunRate(ElfImage image, MachineConfig config, long millis) {
        this.image = image;
        this.config = config;
        this.millis = millis;
    }

    /** Runs per second from the checkpoint, measured for about {@code millis} after a warm-up. */
    double fromCheckpoint() {
        try (MachineRunner runner = new MachineRunner(image, config, t -> { })) {
            if (!runner.checkpointed()) {
                throw new IllegalStateException(image.path() + " never reaches HC_SCENARIO_START");
            }
            expectedSteps = PctScheduler.expectedStepsFrom(runner.run(
                    new RandomScheduler(config.seed(), config.switchProbability())));
            // Warm-up (the JIT, unicorn's translation cache): the first thousand runs are about
            // half as fast as the rest.
            long run = 0;
            long w0 = System.nanoTime();
            for (; run < 2000 && System.nanoTime() - w0 < Math.max(millis, 500) * 1_000_000L; run++) {
                runner.run(scheduler(run));
            }
            long t0 = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - t0 < millis * 1_000_000L) {
                runner.run(scheduler(run++));
                n++;
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Runs per second of a whole pct exploration ({@code runs} runs, not stopping at failures) on
     * {@code jobs} machines in parallel (see Explorer): what {@code --jobs} buys.
     */
    double exploring(int jobs, long runs) {
        java.util.List<MachineRunner> runners = new java.util.ArrayList<>();
        try {
            for (int j = 0; j < jobs; j++) {
                runners.add(new MachineRunner(image, config, t -> { }));
            }
            Explorer e = new Explorer(runners, config, System::currentTimeMillis);
            e.explore(new Explorer.Options(Explorer.Strategy.PCT, 3, Math.min(runs, 300), 0, false, 0), null);  // warm-up
            long t0 = System.nanoTime();
            Explorer.Summary s = e.explore(new Explorer.Options(Explorer.Strategy.PCT, 3, runs, 0, false, 0), null);
            return s.runs() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            runners.forEach(MachineRunner::close);
        }
    }

    /** Runs per second when every run boots the image from its entry point. */
    double fromBoot() {
        long run = 0;
        for (; run < 3; run++) {
            boot(run);
        }
        long t0 = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - t0 < millis * 1_000_000L) {
            boot(run++);
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private void boot(long run) {
        try (Machine m = Machine.boot(image, config, scheduler(run), t -> { })) {
            m.run();
        }
    }

    private Scheduler scheduler(long run) {
        if (expectedSteps == 0) {
            throw new IllegalStateException("fromCheckpoint() calibrates k first");
        }
        return new PctScheduler(Explorer.runSeed(config.seed(), run), 3, config.vcpus(), expectedSteps);
    }
}
