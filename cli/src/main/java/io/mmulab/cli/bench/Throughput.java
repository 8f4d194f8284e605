package io.mmulab.cli.bench;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.DefaultPolicy;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.PlainRun;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.Scheduler;
import io.mmulab.mmu.model.ModelKind;

import java.util.Arrays;

/**
 * Instruction throughput against the ceiling: the bench-loop image's {@code bench_loop}
 * (register arithmetic with a shared load and store per round) on the machine, one vCPU, from
 * the checkpoint, under each memory model, versus the same call on a plain unicorn engine
 * ({@link PlainRun}). Both take the median of a few repetitions.
 */
final class Throughput {
    /** The bench-loop scenario's BENCH_ITERATIONS (what scenario_main passes). */
    static final long ITERATIONS = 20_000;

    private final ElfImage image;
    private final Arch arch;
    private final int samples;

    Throughput(ElfImage image, Arch arch, int samples) {
        this.image = image;
        this.arch = arch;
        this.samples = samples;
    }

    private long symbol(String name) {
        return image.symbols().byName(name).orElseThrow(() -> new IllegalStateException(
                image.path() + ": no symbol " + name + " (not the bench-loop image?)")).address();
    }

    double plainSeconds() {
        MachineConfig config = MachineConfig.defaults(arch, 1, 1);
        try (MachineRunner runner = new MachineRunner(image, config, t -> { })) {
            double[] s = new double[samples + 1];
            for (int i = 0; i <= samples; i++) {   // the first one warms unicorn up
                s[i] = PlainRun.nanos(runner.machine(), 0, symbol("bench_loop"), symbol("bench_loop_end"),
                        symbol("bench_shared"), ITERATIONS) / 1e9;
            }
            return median(Arrays.copyOfRange(s, 1, s.length));
        }
    }

    double machineSeconds(ModelKind model) {
        MachineConfig config = MachineConfig.defaults(arch, 1, 1).withModel(model);
        try (MachineRunner runner = new MachineRunner(image, config, t -> { })) {
            double[] s = new double[samples + 1];
            for (int i = 0; i <= samples; i++) {
                long t0 = System.nanoTime();
                RunResult r = runner.run(DEFAULT);
                s[i] = (System.nanoTime() - t0) / 1e9;
                if (r.outcome().failed()) {
                    throw new IllegalStateException("bench-loop under " + model.displayName() + ": "
                            + r.outcome().message());
                }
            }
            return median(Arrays.copyOfRange(s, 1, s.length));
        }
    }

    private static double median(double[] a) {
        return Stats.of(a).median();
    }

    private static final Scheduler DEFAULT = new Scheduler() {
        @Override
        public int choose(ChoiceSet c) {
            return DefaultPolicy.choose(c);
        }

        @Override
        public String describe() {
            return "default";
        }
    };
}
