package io.mmulab.cli.bench;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.machine.MachineConfig;

/**
 * How many runs, and how long, a strategy needs to find an image's failure: one exploration
 * per seed, stopping at the first failure; a seed that finds nothing within the run cap
 * counts as the cap (and is reported as missed).
 */
final class TimeToFailure {
    record Result(Stats runs, Stats seconds, int missed) {
    }

    private final ElfImage image;
    private final MachineConfig config;
    private final long runCap;

    TimeToFailure(ElfImage image, MachineConfig config, long runCap) {
        this.image = image;
        this.config = config;
        this.runCap = runCap;
    }

    Result measure(Explorer.Strategy strategy, int depth, int seeds) {
        double[] runs = new double[seeds];
        double[] secs = new double[seeds];
        int missed = 0;
        for (int s = 0; s < seeds; s++) {
            MachineConfig c = config.withSeed(s + 1L);
            long t0 = System.nanoTime();
            try (MachineRunner runner = new MachineRunner(image, c, t -> { })) {
                Explorer.Summary sum = new Explorer(runner, c, System::currentTimeMillis)
                        .explore(new Explorer.Options(strategy, depth, runCap, 0, true, 0), null);
                long first = sum.firstFailureRun();
                missed += first < 0 ? 1 : 0;
                runs[s] = first < 0 ? runCap : first + 1;
            }
            secs[s] = (System.nanoTime() - t0) / 1e9;
        }
        return new Result(Stats.of(runs), Stats.of(secs), missed);
    }
}
