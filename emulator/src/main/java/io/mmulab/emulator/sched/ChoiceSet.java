package io.mmulab.emulator.sched;

/**
 * The options at one decision point, rebuilt in place for every decision so that deciding
 * allocates nothing. Options are listed in a fixed order (steps by vCPU, then commits in the
 * memory system's order, then interrupt deliveries by vCPU), so an index means the same
 * thing every time the same state recurs: that is what makes a decision list replayable.
 */
public final class ChoiceSet {
    public enum Kind { STEP, COMMIT, DELIVER }

    private Kind[] kinds = new Kind[16];
    private int[] cpus = new int[16];
    private long[] args = new long[16];
    private int size;
    private int current = -1;
    private boolean currentRunnable;

    /** Starts a new decision for {@code current} (or -1 when no vCPU is running). */
    public void reset(int current) {
        this.size = 0;
        this.current = current;
        this.currentRunnable = false;
    }

    public void addStep(int cpu) {
        if (cpu == current) {
            currentRunnable = true;
        }
        add(Kind.STEP, cpu, 0);
    }

    /** A buffered store of {@code cpu} with sequence number {@code seq} may commit. */
    public void addCommit(int cpu, long seq) {
        add(Kind.COMMIT, cpu, seq);
    }

    /** A pending interrupt can be taken by {@code cpu} now. */
    public void addDeliver(int cpu) {
        add(Kind.DELIVER, cpu, 0);
    }

    private void add(Kind k, int cpu, long arg) {
        if (size == kinds.length) {
            kinds = java.util.Arrays.copyOf(kinds, size * 2);
            cpus = java.util.Arrays.copyOf(cpus, size * 2);
            args = java.util.Arrays.copyOf(args, size * 2);
        }
        kinds[size] = k;
        cpus[size] = cpu;
        args[size] = arg;
        size++;
    }

    public int size() {
        return size;
    }

    public Kind kind(int i) {
        return kinds[i];
    }

    public int cpu(int i) {
        return cpus[i];
    }

    public long arg(int i) {
        return args[i];
    }

    /** The vCPU at whose point we decide, -1 when none is running. */
    public int current() {
        return current;
    }

    /** Whether continuing the current vCPU is one of the options. */
    public boolean currentRunnable() {
        return currentRunnable;
    }

    /** Index of the step option for {@code current}, or -1. */
    public int indexOfCurrentStep() {
        for (int i = 0; i < size; i++) {
            if (kinds[i] == Kind.STEP && cpus[i] == current) {
                return i;
            }
        }
        return -1;
    }

    public int count(Kind k) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += kinds[i] == k ? 1 : 0;
        }
        return n;
    }

    /** The {@code n}-th option of kind {@code k} (0-based), or -1. */
    public int nth(Kind k, int n) {
        for (int i = 0; i < size; i++) {
            if (kinds[i] == k && n-- == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(kinds[i].name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(cpus[i]);
            if (kinds[i] == Kind.COMMIT) {
                b.append('#').append(args[i]);
            }
        }
        return b.append(']').toString();
    }
}
