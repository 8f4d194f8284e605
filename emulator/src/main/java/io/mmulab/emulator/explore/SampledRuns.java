package io.mmulab.emulator.explore;

import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.emulator.sched.Scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The random and pct strategies: independent runs, run {@code i} under a scheduler that is a
 * function of the seed and {@code i} alone, so runs can go to several machines in parallel
 * ({@code --jobs}) or to several processes ({@code --shard K/N}) and still give the same answer.
 *
 * <p>pct needs {@code k}, the length of a run in steps: it comes from run 0, a random run,
 * which every shard performs (and only shard 0 counts). Workers take run numbers in increasing
 * order from a shared counter; results are folded in run order through a reorder buffer, so
 * outcome counts, progress and the first failure are those of a sequential exploration: with
 * stop-at-first, a failure at run {@code r} ends the exploration after every run below
 * {@code r} has finished, and runs above it that finished meanwhile are dropped.
 */
final class SampledRuns {
    private final List<? extends Runner> runners;
    private final MachineConfig config;
    private final Explorer.Options o;
    private final LongSupplier clock;
    private final long start;
    private final Explorer.Progress progress;

    /** Run numbers this shard explores: shard, shard + N, ... below o.runs(). */
    private final long count;
    private long expectedSteps;

    // the fold, in run order (guarded by this)
    private final TreeMap<Long, Done> buffer = new TreeMap<>();
    private long next;
    private final List<Explorer.Found> failures = new ArrayList<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long folded;
    /** Number of the first run (in this shard's order) not to start: moves down at a failure or the budget. */
    private volatile long limit;
    private final AtomicLong claims = new AtomicLong();
    private volatile RuntimeException error;

    private record Done(RunResult result, String scheduler) {
    }

    SampledRuns(List<? extends Runner> runners, MachineConfig config, Explorer.Options o, LongSupplier clock,
                long start, Explorer.Progress progress) {
        this.runners = runners;
        this.config = config;
        this.o = o;
        this.clock = clock;
        this.start = start;
        this.progress = progress;
        long total = o.runs();
        this.count = total <= o.shard() ? 0 : (total - o.shard() + o.shardCount() - 1) / o.shardCount();
        this.limit = count;
    }

    Explorer.Summary explore() {
        if (count > 0 && (o.shard() == 0 || o.strategy() == Explorer.Strategy.PCT)) {
            calibrate();
        }
        int jobs = (int) Math.min(runners.size(), Math.max(1, count));
        if (jobs == 1) {
            work(runners.get(0));
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                Runner r = runners.get(j);
                threads.add(Thread.ofPlatform().name("mmulab-explore-" + j).start(() -> work(r)));
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    limit = 0;
                }
            }
        }
        if (error != null) {
            throw error;
        }
        return new Explorer.Summary(folded, clock.getAsLong() - start, List.copyOf(failures), false,
                Map.copyOf(outcomes));
    }

    /** Run 0 is random and gives pct its k; it counts as a run of shard 0 only. */
    private void calibrate() {
        RandomScheduler cal = new RandomScheduler(Explorer.runSeed(config.seed(), 0), config.switchProbability());
        RunResult r0 = runners.get(0).run(cal);
        expectedSteps = PctScheduler.expectedStepsFrom(r0);
        if (o.shard() == 0) {
            claims.set(1);
            fold(0, new Done(r0, cal.describe()));
        }
    }

    private void work(Runner runner) {
        try {
            while (true) {
                long n = claims.getAndIncrement();
                if (n >= limit) {
                    return;
                }
                if (o.budgetMillis() > 0 && clock.getAsLong() - start >= o.budgetMillis()) {
                    lowerLimit(n);
                    return;
                }
                long run = o.shard() + n * o.shardCount();
                Scheduler s = scheduler(run);
                RunResult r = runner.run(s);
                fold(n, new Done(r, s.describe()));
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                if (error == null) {
                    error = e;
                }
            }
            limit = 0;
        }
    }

    private synchronized void lowerLimit(long n) {
        if (n < limit) {
            limit = n;
        }
    }

    /** Files run {@code n} (of this shard); folds every run that is now next in order. */
    private synchronized void fold(long n, Done d) {
        buffer.put(n, d);
        while (!buffer.isEmpty() && buffer.firstKey() == next && next < limit) {
            Done x = buffer.pollFirstEntry().getValue();
            long run = o.shard() + next * o.shardCount();
            outcomes.merge(x.result().outcome().kind().name(), 1L, Long::sum);
            folded++;
            if (progress != null) {
                progress.afterRun(run, o.runs(), x.result());
            }
            if (x.result().failed()) {
                failures.add(new Explorer.Found(run, x.scheduler(), x.result()));
                if (o.stopAtFirst()) {
                    limit = next + 1;
                }
            }
            next++;
        }
        if (next >= limit) {
            buffer.clear();
        }
    }

    /** The scheduler of run {@code run}: random, or pct with the calibrated k. */
    private Scheduler scheduler(long run) {
        long seed = Explorer.runSeed(config.seed(), run);
        if (o.strategy() == Explorer.Strategy.PCT) {
            return new PctScheduler(seed, Math.max(1, o.depth()), config.vcpus(), expectedSteps);
        }
        return new RandomScheduler(seed, config.switchProbability());
    }
}
