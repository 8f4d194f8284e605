package io.mmulab.emulator.explore;

import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.sched.SplitMix64;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Explores interleavings and memory-model choices of one image under one configuration: many
 * runs from the checkpoint, each under a scheduler of the chosen strategy, until a run fails
 * (or every run is done, the time budget is spent, or dfs has exhausted its bounds).
 * Run {@code i} of a strategy always makes the same decisions for the same seed, so a failure
 * found here is found again, run for run, on any machine.
 */
public final class Explorer {

    public enum Strategy {
        RANDOM, PCT, DFS;

        public static Strategy parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "random" -> RANDOM;
                case "pct" -> PCT;
                case "dfs" -> DFS;
                default -> throw new IllegalArgumentException("unknown strategy '" + s + "' (expected random, pct or dfs)");
            };
        }

        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param depth        pct: change points; dfs: deviation (preemption) bound
     * @param depthBound   dfs: decisions per run that may deviate at all (0: unbounded)
     * @param budgetMillis wall-clock budget, 0 for none (it limits how many runs happen, never what a run does)
     * @param shard        random and pct: this process explores the runs {@code i} of {@code 0..runs-1}
     *                     with {@code i % shardCount == shard} (0 of 1: all of them)
     */
    public record Options(Strategy strategy, int depth, long runs, long budgetMillis, boolean stopAtFirst,
                          int depthBound, int shard, int shardCount) {
        public Options {
            if (shardCount < 1 || shard < 0 || shard >= shardCount) {
                throw new IllegalArgumentException("shard " + shard + "/" + shardCount + ": expected 0 <= K < N");
            }
        }

        public Options(Strategy strategy, int depth, long runs, long budgetMillis, boolean stopAtFirst, int depthBound) {
            this(strategy, depth, runs, budgetMillis, stopAtFirst, depthBound, 0, 1);
        }
    }

    /** A failing run: its index, the scheduler that made it, its result. */
    public record Found(long run, String scheduler, RunResult result) {
    }

    public record Summary(long runs, long elapsedMs, List<Found> failures, boolean exhausted,
                          Map<String, Long> outcomes) {
        public long firstFailureRun() {
            return failures.isEmpty() ? -1 : failures.get(0).run();
        }
    }

    /** Told after every run, for progress bars. */
    public interface Progress {
        void afterRun(long run, long totalRuns, RunResult result);
    }

    private final List<? extends Runner> runners;
    private final Runner runner;
    private final MachineConfig config;
    private final LongSupplier clockMillis;

    public Explorer(Runner runner, MachineConfig config, LongSupplier clockMillis) {
        this(List.of(runner), config, clockMillis);
    }

    /**
     * With several runners (each its own machine), random and pct runs go to them in parallel,
     * one host thread each; which runs fail, and everything reported, is the same as with one.
     */
    public Explorer(List<? extends Runner> runners, MachineConfig config, LongSupplier clockMillis) {
        if (runners.isEmpty()) {
            throw new IllegalArgumentException("no runner");
        }
        this.runners = List.copyOf(runners);
        this.runner = runners.get(0);
        this.config = config;
        this.clockMillis = clockMillis;
    }

    /** The seed of run {@code i}: a fixed function of the configuration's seed. */
    public static long runSeed(long seed, long run) {
        return new SplitMix64(seed ^ (run * 0x9E3779B97F4A7C15L)).nextLong();
    }

    public Summary explore(Options o, Progress progress) {
        long start = clockMillis.getAsLong();
        if (o.strategy() == Strategy.DFS) {
            if (o.shardCount() > 1) {
                throw new IllegalArgumentException("dfs cannot be sharded (its runs depend on each other): use random or pct");
            }
            return dfs(o, start, progress);
        }
        return new SampledRuns(runners, config, o, clockMillis, start, progress).explore();
    }

    /**
     * Bounded exhaustive search, deepening the deviation bound 0, 1, ... up to {@code depth}:
     * shallow bugs (one preemption) are found after few runs instead of after the whole space
     * of two deviations; runs repeat across bounds, which the budget of runs accounts for.
     */
    private Summary dfs(Options o, long start, Progress progress) {
        Map<String, Long> outcomes = new TreeMap<>();
        long[] runs = {0};
        List<Found> failures = new ArrayList<>();
        boolean exhausted = false;
        boolean stop = false;
        for (int bound = 0; bound <= Math.max(0, o.depth()) && !stop && runs[0] < o.runs(); bound++) {
            DfsExplorer dfs = new DfsExplorer(runner, bound, o.depthBound());
            long left = o.runs() - runs[0];
            boolean[] budgetOut = {false};
            DfsExplorer.Result res = dfs.explore(left > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) left, r -> {
                outcomes.merge(r.outcome().kind().name(), 1L, Long::sum);
                if (progress != null) {
                    progress.afterRun(runs[0], o.runs(), r);
                }
                runs[0]++;
                budgetOut[0] = o.budgetMillis() > 0 && clockMillis.getAsLong() - start >= o.budgetMillis();
                return (r.failed() && o.stopAtFirst()) || budgetOut[0];
            });
            long base = runs[0] - res.runs();
            if (res.firstFailure().isPresent()) {
                failures.add(new Found(base + res.firstFailureRun(), "dfs(bound=" + bound + ")", res.firstFailure().get()));
                stop = o.stopAtFirst();
            }
            exhausted = res.exhausted();
            stop |= budgetOut[0];
            // Nothing was cut off by this bound: a larger one explores the same schedules again.
            stop |= res.complete();
        }
        return new Summary(runs[0], clockMillis.getAsLong() - start, failures, exhausted, outcomes);
    }
}
