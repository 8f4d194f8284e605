package io.mmulab.cli.bench;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.sched.RandomScheduler;

/**
 * What one vCPU switch costs: the same runs from the checkpoint of an image whose work does not
 * depend on the interleaving (lost-update: each vCPU increments the shared counter a fixed number
 * of times, whatever the other does),
 * once under a scheduler that never switches by choice and once under one that hands every step
 * to a vCPU drawn at random. The extra time over the extra switches is the price of a switch:
 * stopping one engine in its hook, rolling back the stopped instruction, starting the other.
 */
final class SwitchCost {
    private final ElfImage image;
    private final MachineConfig config;
    private final int runs;
    private static final int ROUNDS = 5;

    /** Per switch, with what it was computed from (per run). */
    record Result(double nanosPerSwitch, double extraSwitches, double decisionsNever, double decisionsAlways) {
    }

    SwitchCost(ElfImage image, MachineConfig config, int runs) {
        this.image = image;
        this.config = config;
        this.runs = runs;
    }

    Result measure() {
        try (MachineRunner runner = new MachineRunner(image, config, t -> { })) {
            if (!runner.checkpointed()) {
                throw new IllegalStateException(image.path() + " never reaches HC_SCENARIO_START");
            }
            time(runner, 0.0);   // warm-up: the JIT, unicorn's translation cache
            time(runner, 1.0);
            // Alternating pairs, the median of their estimates: one pair is at the mercy of the host.
            double[] estimates = new double[ROUNDS];
            long[] never = null;
            long[] always = null;
            for (int i = 0; i < ROUNDS; i++) {
                never = time(runner, 0.0);
                always = time(runner, 1.0);
                long extra = always[1] - never[1];
                if (extra <= 0) {
                    throw new IllegalStateException("choosing a vCPU at random made no more switches (" + always[1]
                            + " vs " + never[1] + ")");
                }
                estimates[i] = (double) (always[0] - never[0]) / extra;
            }
            java.util.Arrays.sort(estimates);
            return new Result(estimates[ROUNDS / 2], (double) (always[1] - never[1]) / runs, (double) never[2] / runs,
                    (double) always[2] / runs);
        }
    }

    /** {nanos, switches, decisions} of {@code runs} runs with switch probability {@code p}. */
    private long[] time(MachineRunner runner, double p) {
        long nanos = 0;
        long switches = 0;
        long decisions = 0;
        for (int i = 0; i < runs; i++) {
            RandomScheduler s = new RandomScheduler(config.seed() + i, p);
            long t0 = System.nanoTime();
            var r = runner.run(s);
            nanos += System.nanoTime() - t0;
            switches += runner.machine().switches();
            decisions += r.decisions().size();
        }
        return new long[] {nanos, switches, decisions};
    }
}
