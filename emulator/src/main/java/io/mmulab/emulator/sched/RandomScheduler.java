package io.mmulab.emulator.sched;

/**
 * The first scheduler: at each scheduling point, with probability {@code switchProbability},
 * hand the CPU to a uniformly chosen runnable vCPU (possibly the same one).
 */
public final class RandomScheduler implements Scheduler {
    private final long seed;
    private final double switchProbability;
    private final SplitMix64 rng;

    public RandomScheduler(long seed, double switchProbability) {
        if (!(switchProbability >= 0 && switchProbability <= 1)) {
            throw new IllegalArgumentException("switch probability must be in [0, 1]: " + switchProbability);
        }
        this.seed = seed;
        this.switchProbability = switchProbability;
        this.rng = new SplitMix64(seed);
    }

    @Override
    public int pick(int current, int[] runnable) {
        boolean currentRunnable = false;
        for (int r : runnable) {
            currentRunnable |= r == current;
        }
        if (currentRunnable && rng.nextDouble() >= switchProbability) {
            return current;
        }
        return runnable[rng.nextInt(runnable.length)];
    }

    @Override
    public String describe() {
        return "random(seed=" + seed + ", p=" + switchProbability + ")";
    }
}
