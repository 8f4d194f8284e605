package io.mmulab.emulator.sched;

/**
 * The options at one decision point, rebuilt in place for every decision so that deciding
 * allocates nothing. Options are listed in a fixed order (steps by vCPU, then commits in the
 * memory system's order, then interrupt deliveries by vCPU), so an index means the same
 * thing every time the same state recurs: that is what makes a decision list replayable.
 */
public final class ChoiceSet {
    public enum Kind { STEP, COMMIT, DELIVER }

    /** Footprint address meaning "unknown": dependent with everything (a barrier, a fresh slice). */
    public static final long UNKNOWN = -1;
    /** Footprint address meaning "nothing another vCPU sees" (a fence with an empty buffer, a spin hint). */
    public static final long LOCAL = -2;

    /** Footprint flag: the access's bytes lie in a page the guest keeps page tables in. */
    public static final int PT_PAGE = 1;
    /** Footprint flag: the step also walked page tables (a TLB fill): it reads page-table pages. */
    public static final int WALK = 2;

    private Kind[] kinds = new Kind[16];
    private int[] cpus = new int[16];
    private long[] args = new long[16];
    private long[] addrs = new long[16];
    private int[] sizes = new int[16];
    private boolean[] writes = new boolean[16];
    private int[] flags = new int[16];
    private int size;
    private int current = -1;
    private boolean currentRunnable;
    private boolean previousWidened;
    private int previousFlags;

    /** Starts a new decision for {@code current} (or -1 when no vCPU is running). */
    public void reset(int current) {
        this.size = 0;
        this.current = current;
        this.currentRunnable = false;
        this.previousWidened = false;
        this.previousFlags = 0;
    }

    /**
     * Set when the step chosen at the previous decision touched more than the footprint it was
     * offered with (it walked page tables, made a hypercall, accessed other bytes): an exhaustive
     * search must then treat that event as dependent with everything.
     */
    public void setPreviousWidened(boolean widened) {
        this.previousWidened = widened;
    }

    public boolean previousWidened() {
        return previousWidened;
    }

    /** Flags (e.g. {@link #WALK}) the step chosen at the previous decision added to its footprint. */
    public void setPreviousFlags(int f) {
        this.previousFlags = f;
    }

    public int previousFlags() {
        return previousFlags;
    }

    /** {@code cpu} may step; its next shared access is unknown. */
    public void addStep(int cpu) {
        addStep(cpu, UNKNOWN, 0, true);
    }

    /**
     * {@code cpu} may step; it is stopped before the access at physical {@code addr} of
     * {@code size} bytes ({@code write} or read), which is what stepping it does first.
     */
    public void addStep(int cpu, long addr, int size, boolean write) {
        addStep(cpu, addr, size, write, 0);
    }

    /** As above, with footprint flags ({@link #PT_PAGE}). */
    public void addStep(int cpu, long addr, int size, boolean write, int flags) {
        if (cpu == current) {
            currentRunnable = true;
        }
        add(Kind.STEP, cpu, 0, addr, size, write);
        this.flags[size() - 1] = flags;
    }

    /** A buffered store of {@code cpu} with sequence number {@code seq} may commit. */
    public void addCommit(int cpu, long seq) {
        addCommit(cpu, seq, UNKNOWN, 0);
    }

    /** The store commits {@code size} bytes at physical {@code addr}. */
    public void addCommit(int cpu, long seq, long addr, int size) {
        addCommit(cpu, seq, addr, size, 0);
    }

    public void addCommit(int cpu, long seq, long addr, int size, int flags) {
        add(Kind.COMMIT, cpu, seq, addr, size, true);
        this.flags[size() - 1] = flags;
    }

    /** A pending interrupt can be taken by {@code cpu} now. */
    public void addDeliver(int cpu) {
        add(Kind.DELIVER, cpu, 0, UNKNOWN, 0, true);
    }

    private void add(Kind k, int cpu, long arg, long addr, int len, boolean write) {
        if (size == kinds.length) {
            int n = size * 2;
            kinds = java.util.Arrays.copyOf(kinds, n);
            cpus = java.util.Arrays.copyOf(cpus, n);
            args = java.util.Arrays.copyOf(args, n);
            addrs = java.util.Arrays.copyOf(addrs, n);
            sizes = java.util.Arrays.copyOf(sizes, n);
            writes = java.util.Arrays.copyOf(writes, n);
            flags = java.util.Arrays.copyOf(flags, n);
        }
        kinds[size] = k;
        cpus[size] = cpu;
        args[size] = arg;
        addrs[size] = addr;
        sizes[size] = len;
        writes[size] = write;
        flags[size] = 0;
        size++;
    }

    /** Physical address option {@code i} touches first, or {@link #UNKNOWN}. */
    public long addr(int i) {
        return addrs[i];
    }

    /** Footprint flags of option {@code i} ({@link #PT_PAGE}). */
    public int flags(int i) {
        return flags[i];
    }

    public int accessSize(int i) {
        return sizes[i];
    }

    public boolean isWrite(int i) {
        return writes[i];
    }

    /**
     * Whether options {@code i} and {@code j} may not commute: same vCPU, or an unknown
     * footprint, or overlapping bytes with at least one write.
     */
    public boolean dependent(int i, int j) {
        if (cpus[i] == cpus[j]) {
            return true;
        }
        if (addrs[i] == LOCAL || addrs[j] == LOCAL) {
            return false;
        }
        if (addrs[i] == UNKNOWN || addrs[j] == UNKNOWN) {
            return true;
        }
        if (walkMeetsPageTableWrite(flags[i], flags[j], writes[j])
                || walkMeetsPageTableWrite(flags[j], flags[i], writes[i])) {
            return true;
        }
        boolean overlap = addrs[i] < addrs[j] + sizes[j] && addrs[j] < addrs[i] + sizes[i];
        return overlap && (writes[i] || writes[j]);
    }

    /**
     * A step that walked page tables ({@link #WALK}) read page-table pages: it does not commute
     * with a write into one.
     */
    public static boolean walkMeetsPageTableWrite(int walkerFlags, int otherFlags, boolean otherWrites) {
        return (walkerFlags & WALK) != 0 && otherWrites && (otherFlags & PT_PAGE) != 0;
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
