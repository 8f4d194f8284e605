package io.mmulab.cli.bench;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.mmu.model.ModelKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The figures of {@code mmulab bench}, in groups that can be chosen one by one:
 * {@code rate} (runs per second, from the checkpoint and from boot; each seed scenario's fixed
 * image), {@code restore}
 * (checkpoint restore time by guest memory size) and {@code find} (runs and seconds to the
 * first failure, random versus pct, over several seeds, for the purpose-built races and the
 * seed scenarios). Each figure is handed to a listener
 * as soon as it is measured, so a long bench shows progress.
 */
public final class Bench {
    public static final List<String> GROUPS = List.of("throughput", "switch", "rate", "restore", "find");

    /** How much work each figure gets; {@link #QUICK} only checks that everything runs. */
    public record Effort(long rateMillis, int restoreSamples, int seeds, long runCap, int throughputSamples) {
    }

    public static final Effort FULL = new Effort(3000, 200, 10, 5000, 7);
    public static final Effort QUICK = new Effort(200, 10, 2, 2000, 1);

    /** Images whose failures {@code find} measures on both arches: the purpose-built races. */
    static final List<String> RACES = List.of("lost-update", "lost-wakeup", "phys-uaf", "stale-tlb",
            "refcount-underflow", "abba-deadlock");

    /**
     * The seed scenarios (DESIGN.md section 4): each buggy image on the arches where it fails
     * ({@code find}), and each fixed image's run rate ({@code rate}: every run goes to the end).
     */
    record SeedRace(String image, List<Arch> failsOn, ModelKind model, int depth, boolean dfs, int vcpus) {
        /** The arch's own model, pct depth 3, 2 vCPUs. */
        SeedRace(String image, List<Arch> failsOn) {
            this(image, failsOn, null, 3, false, 2);
        }

        MachineConfig config(Arch arch) {
            MachineConfig c = MachineConfig.defaults(arch, vcpus, 1);
            return model == null ? c : c.withModel(model);
        }
    }

    private static final List<Arch> BOTH = List.of(Arch.X86_64, Arch.ARM64);

    // The search settings are the default suite's for each race: pagecache-hvo's window needs
    // depth 2 (a third change point stops the truncating CPU again); khugepaged-ptfree's
    // one-instruction window is found by dfs, not by pct's random points.
    static final List<SeedRace> SEED_RACES = List.of(
            new SeedRace("pagecache-hvo", BOTH, null, 2, false, 2),
            new SeedRace("gup-fast-thp", List.of(Arch.ARM64)),
            new SeedRace("gup-slow-tinyrcu", BOTH),
            new SeedRace("vma-lock-refcnt", BOTH, null, 2, false, 3),
            new SeedRace("fsdax-unpin", BOTH),
            new SeedRace("khugepaged-ptfree", List.of(Arch.ARM64), null, 1, true, 2),
            new SeedRace("gup-fast-barrier", List.of(Arch.ARM64)));

    private final BiFunction<String, Arch, ElfImage> images;
    private final Effort effort;
    private final Consumer<Measurement> out;

    /** {@code images} resolves an image name on an arch (the CLI's catalogue). */
    public Bench(BiFunction<String, Arch, ElfImage> images, Effort effort, Consumer<Measurement> out) {
        this.images = images;
        this.effort = effort;
        this.out = out;
    }

    public List<Measurement> run(List<String> groups) {
        List<Measurement> all = new ArrayList<>();
        Consumer<Measurement> emit = m -> {
            all.add(m);
            out.accept(m);
        };
        for (String g : groups) {
            switch (g) {
                case "throughput" -> throughput(emit);
                case "switch" -> switchCost(emit);
                case "rate" -> rate(emit);
                case "restore" -> restore(emit);
                case "find" -> find(emit);
                default -> throw new IllegalArgumentException("unknown bench group '" + g + "' (expected one of "
                        + String.join(", ", GROUPS) + ")");
            }
        }
        return all;
    }

    private void throughput(Consumer<Measurement> emit) {
        for (Arch arch : Arch.values()) {
            Throughput t = new Throughput(images.apply("bench-loop", arch), arch, effort.throughputSamples());
            double plain;
            String why = "";
            try {
                plain = t.plainSeconds();
                emit.accept(new Measurement("throughput", "bench-loop " + arch.displayName() + " plain unicorn", 1.0,
                        "x", String.format("%.1f ms per bench_loop, no hooks: the ceiling", plain * 1000)));
            } catch (IllegalStateException e) {
                plain = Double.NaN;   // the figures below are then absolute times only
                why = "; no plain ceiling: " + e.getMessage();
            }
            for (io.mmulab.mmu.model.ModelKind model : io.mmulab.mmu.model.ModelKind.values()) {
                double ours = t.machineSeconds(model);
                emit.accept(new Measurement("throughput", "bench-loop " + arch.displayName() + " " + model.displayName(),
                        plain / ours, "x", String.format("%.1f ms per run from the checkpoint, as a ratio to plain%s",
                                ours * 1000, why)));
            }
        }
    }

    private void switchCost(Consumer<Measurement> emit) {
        for (Arch arch : Arch.values()) {
            MachineConfig config = MachineConfig.defaults(arch, 2, 1);
            int runs = 1000 * effort.throughputSamples();
            SwitchCost.Result r = new SwitchCost(images.apply("lost-update", arch), config, runs).measure();
            emit.accept(new Measurement("switch", "vCPU switch lost-update " + arch.displayName() + " "
                    + config.model().displayName(), r.nanosPerSwitch() / 1000, "us", String.format(
                    "median of 5 x %d runs each way: +%.0f switches per run (%.0f vs %.0f decisions)", runs, r.extraSwitches(),
                    r.decisionsAlways(), r.decisionsNever())));
        }
    }

    private void rate(Consumer<Measurement> emit) {
        for (Arch arch : Arch.values()) {
            MachineConfig config = MachineConfig.defaults(arch, 2, 1);
            RunRate r = new RunRate(images.apply("lost-update", arch), config, effort.rateMillis());
            String subject = "lost-update " + arch.displayName() + " " + config.model().displayName();
            double cp = r.fromCheckpoint();
            emit.accept(new Measurement("runs-per-second", subject + " from checkpoint", cp, "runs/s",
                    "pct, " + effort.rateMillis() + " ms"));
            long runs = Math.max(200, effort.rateMillis());
            double one = r.exploring(1, runs);
            double two = r.exploring(2, runs);
            emit.accept(new Measurement("runs-per-second", subject + " exploring, 1 job", one, "runs/s",
                    runs + " pct runs, whole exploration"));
            emit.accept(new Measurement("runs-per-second", subject + " exploring, 2 jobs", two, "runs/s",
                    String.format("%d pct runs on 2 machines: %.2fx one job", runs, two / one)));
            double boot = r.fromBoot();
            emit.accept(new Measurement("runs-per-second", subject + " from boot", boot, "runs/s",
                    String.format("pct, %d ms; the checkpoint gives %.1fx", effort.rateMillis(), cp / boot)));
        }
        for (SeedRace race : SEED_RACES) {
            for (Arch arch : Arch.values()) {
                ElfImage image = images.apply(race.image() + "-fixed", arch);
                MachineConfig config = race.config(arch);
                double cp = new RunRate(image, config, effort.rateMillis()).fromCheckpoint();
                emit.accept(new Measurement("runs-per-second", race.image() + "-fixed " + arch.displayName() + " "
                        + config.model().displayName() + " from checkpoint", cp, "runs/s",
                        "pct, " + effort.rateMillis() + " ms, " + config.vcpus() + " vCPUs"));
            }
        }
    }

    private void restore(Consumer<Measurement> emit) {
        for (Arch arch : Arch.values()) {
            for (long mib : new long[] {64, 128, 512}) {
                MachineConfig config = MachineConfig.defaults(arch, 2, 1).withMemory(mib * MachineConfig.MIB);
                Stats s = new RestoreCost(images.apply("lost-update", arch), config, effort.restoreSamples()).micros();
                emit.accept(new Measurement("restore", "lost-update " + arch.displayName() + " " + mib + " MiB",
                        s.median(), "us", "median after a whole run, " + s.spread("%.0f")));
            }
        }
    }

    private void find(Consumer<Measurement> emit) {
        for (String race : RACES) {
            for (Arch arch : Arch.values()) {
                findOne(race, images.apply(race, arch), MachineConfig.defaults(arch, 2, 1), 3, false, emit);
            }
        }
        for (SeedRace race : SEED_RACES) {
            for (Arch arch : race.failsOn()) {
                findOne(race.image(), images.apply(race.image(), arch), race.config(arch), race.depth(), race.dfs(),
                        emit);
            }
        }
    }

    private void findOne(String race, ElfImage image, MachineConfig config, int depth, boolean dfs,
                         Consumer<Measurement> emit) {
        TimeToFailure t = new TimeToFailure(image, config, effort.runCap());
        List<Explorer.Strategy> strategies = new ArrayList<>(List.of(Explorer.Strategy.RANDOM, Explorer.Strategy.PCT));
        if (dfs) {
            strategies.add(Explorer.Strategy.DFS);
        }
        for (Explorer.Strategy s : strategies) {
            // dfs does not depend on the seed: one measurement
            TimeToFailure.Result r = t.measure(s, depth, s == Explorer.Strategy.DFS ? 1 : effort.seeds());
            String subject = race + " " + config.arch().displayName() + " " + config.model().displayName() + " "
                    + s.displayName() + (s == Explorer.Strategy.RANDOM ? "" : " depth " + depth);
            String missed = r.missed() == 0 ? "" : String.format("; %d seeds found nothing in %d runs",
                    r.missed(), effort.runCap());
            emit.accept(new Measurement("runs-to-failure", subject, r.runs().median(), "runs",
                    "median, " + r.runs().spread("%.0f") + " seeds" + missed));
            emit.accept(new Measurement("seconds-to-failure", subject, r.seconds().median(), "s",
                    "median incl. boot, " + r.seconds().spread("%.2f") + " seeds"));
        }
    }
}
