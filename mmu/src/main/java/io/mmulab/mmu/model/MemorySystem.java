package io.mmulab.mmu.model;

import io.mmulab.mmu.MemoryViews;
import io.mmulab.mmu.PhysicalAddressOutOfRangeException;
import io.mmulab.mmu.PhysicalMemory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Store buffers on top of {@link MemoryViews}: which stores are still private to their CPU, and
 * which of them may become visible to everyone next (DESIGN.md section 3).
 *
 * <p>The invariant kept at every step: a CPU's view equals committed memory overlaid with that
 * CPU's own pending stores, byte by byte. The emulator writes a store into the storing CPU's view
 * itself (unicorn does, after the write hook that calls {@link #store}); a commit then writes
 * committed memory and every other view except the bytes that view's CPU has pending (its own,
 * newer value must stay visible to it). Loads read the view, so store-to-load forwarding is free.
 *
 * <h2>Rules</h2>
 * <b>sc</b>: every store commits at once; nothing waits.
 *
 * <p><b>tso</b>: plain and release stores are buffered in FIFO order, only a CPU's oldest store
 * may commit. Locked instructions (atomic loads) and {@link Barrier#FULL} drain; the atomic write
 * commits at once. Store buffering is the one relaxation:
 * <pre>
 *  CPU 0              | CPU 1
 *  x = 1   (buffered) | y = 1   (buffered)
 *  r0 = y  -&gt; 0       | r1 = x  -&gt; 0        SB: allowed under tso and arm, never under sc
 * </pre>
 *
 * <p><b>arm</b>: a buffered store may commit when none of these holds (see {@link #blockedReason}):
 * <ul>
 * <li>an earlier store of the same CPU overlaps its bytes (same-location order, CoWW):
 * <pre>
 *  CPU 0     | CPU 1
 *  x = 1     |
 *  x = 2     | r0 = x -&gt; 2
 *            | r1 = x -&gt; 1     forbidden: x = 1 never commits after x = 2
 * </pre>
 * <li>an earlier store of the same CPU has a smaller epoch ({@code dmb ishst} starts an epoch):
 * <pre>
 *  CPU 0      | CPU 1
 *  data = 1   |
 *  dmb ishst  |
 *  flag = 1   | r0 = flag -&gt; 1
 *             | r1 = data -&gt; 0   forbidden (allowed without the dmb: MP under arm)
 * </pre>
 * <li>it is a release store ({@code stlr}, release atomic) and any earlier store is pending:
 * <pre>
 *  CPU 0           | CPU 1
 *  data = 1        |
 *  stlr flag = 1   | r0 = flag -&gt; 1
 *                  | r1 = data -&gt; 0   forbidden
 * </pre>
 * <li>another CPU holds any of its bytes (see atomics below).
 * </ul>
 * Otherwise stores to different locations commit in any order:
 * <pre>
 *  CPU 0     | CPU 1
 *  x = 1     | y = 1
 *  y = 2     | x = 2
 *  final x = 1, y = 1      2+2W: allowed under arm (y = 2 and x = 2 commit first), never under tso
 * </pre>
 * An RCsc acquire ({@code ldar}, acquire atomics) first commits every earlier release store of
 * its CPU; {@code ldapr} does not:
 * <pre>
 *  CPU 0          | CPU 1
 *  stlr x = 1     | stlr y = 1
 *  ldar r0 = y    | ldar r1 = x
 *  r0 = 0, r1 = 0: forbidden; with ldapr (RCpc) allowed
 * </pre>
 *
 * <p>Atomics under arm: the read sees the CPU's view (own pending store, else committed). A fully
 * ordered atomic drains before its read and commits its write at once. Any other atomic write is
 * buffered and <em>holds</em> its bytes until it commits: no other CPU's store to them may commit
 * and no other CPU's atomic may read them, so the read-modify-write stays indivisible while a
 * relaxed atomic can still be passed by later loads of other locations:
 * <pre>
 *  CPU 0                          | CPU 1
 *  ldadd x += 1  (reads 0, write  |
 *        x = 1 buffered, held)    | ldadd x += 1  -&gt; blocked until x = 1 commits
 *  final x = 2, never 1 (lost update)
 * </pre>
 *
 * <h2>Why holds cannot deadlock</h2>
 * A held write must never wait for anything a hold can block. If it could, this cycle would stall
 * both CPUs for ever:
 * <pre>
 *  CPU 0                               | CPU 1
 *  str y = 1            (buffered)     | str x = 1            (buffered)
 *  ldaddl x += 1: write to x held;     | ldaddl y += 1: write to y held;
 *    as a release it waits for y = 1   |   as a release it waits for x = 1
 *  y = 1 waits: CPU 1 holds y          | x = 1 waits: CPU 0 holds x
 * </pre>
 * (The same cycle forms through same-location order, with an earlier wider store overlapping the
 * atomic, and through a {@code dmb ishst} epoch.) So before an atomic read proceeds, its CPU
 * commits every earlier store the coming write would wait for: overlapping ones, ones of an older
 * epoch, and for a release atomic all of them. A held write is then committable from the moment it
 * is buffered: later stores of its CPU never block an earlier one, and no other CPU can hold its
 * bytes (that CPU's atomic read would have been refused). Whenever some store waits on a hold,
 * committing the holder's write therefore always makes progress; buffer-full stores, drains and
 * acquires that find their own stores waiting on a hold do exactly that.
 *
 * <h2>Cost and determinism</h2>
 * Buffers are preallocated parallel arrays in program order, one set per CPU; {@link #store} and
 * {@link #load} allocate nothing. Choices and forced commits follow CPU number and program order
 * only, never hash order.
 *
 * <p>Not thread-safe: one host thread drives every vCPU.
 */
public final class MemorySystem {
    private final MemoryViews views;
    private final ModelKind model;
    private final int capacity;
    private final int cpus;
    private final long memSize;
    private final PhysicalMemory committed;
    private final PhysicalMemory[] viewOf;
    private final Buffer[] buffers;
    private long nextSeq = 1;
    /** Pending stores over all CPUs. */
    private int pendingTotal;
    /** Buffered atomic writes over all CPUs (arm), each holding its bytes. */
    private int heldTotal;

    /** One CPU's store buffer: entries {@code [0, count)} in program order. */
    private static final class Buffer {
        final long[] seq;
        final long[] pa;
        final long[] value;
        final int[] size;
        final int[] epoch;
        final StoreKind[] kind;
        int count;
        int held;
        /** Epoch the next store gets; {@code dmb ishst} moves it on. */
        int epochNow;

        Buffer(int capacity) {
            seq = new long[capacity];
            pa = new long[capacity];
            value = new long[capacity];
            size = new int[capacity];
            epoch = new int[capacity];
            kind = new StoreKind[capacity];
        }

        void remove(int i) {
            int tail = count - i - 1;
            if (tail > 0) {
                System.arraycopy(seq, i + 1, seq, i, tail);
                System.arraycopy(pa, i + 1, pa, i, tail);
                System.arraycopy(value, i + 1, value, i, tail);
                System.arraycopy(size, i + 1, size, i, tail);
                System.arraycopy(epoch, i + 1, epoch, i, tail);
                System.arraycopy(kind, i + 1, kind, i, tail);
            }
            count--;
            kind[count] = null;
        }

        Buffer copy() {
            Buffer b = new Buffer(seq.length);
            b.copyFrom(this);
            return b;
        }

        void copyFrom(Buffer o) {
            System.arraycopy(o.seq, 0, seq, 0, seq.length);
            System.arraycopy(o.pa, 0, pa, 0, pa.length);
            System.arraycopy(o.value, 0, value, 0, value.length);
            System.arraycopy(o.size, 0, size, 0, size.length);
            System.arraycopy(o.epoch, 0, epoch, 0, epoch.length);
            System.arraycopy(o.kind, 0, kind, 0, kind.length);
            count = o.count;
            held = o.held;
            epochNow = o.epochNow;
        }

        int indexOf(long s) {
            for (int i = 0; i < count; i++) {
                if (seq[i] == s) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * @param bufferCapacity stores each CPU may have pending (e.g. 8); a store into a full buffer
     *                       first commits one of that CPU's stores. Ignored, but checked, under sc.
     */
    public MemorySystem(MemoryViews views, ModelKind model, int bufferCapacity) {
        this.views = Objects.requireNonNull(views, "views");
        this.model = Objects.requireNonNull(model, "model");
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("store buffer capacity must be at least 1, got " + bufferCapacity);
        }
        this.capacity = bufferCapacity;
        this.cpus = views.cpus();
        this.memSize = views.size();
        this.committed = views.committed();
        this.viewOf = new PhysicalMemory[cpus];
        this.buffers = new Buffer[cpus];
        for (int c = 0; c < cpus; c++) {
            viewOf[c] = views.view(c);
            buffers[c] = new Buffer(model == ModelKind.SC ? 1 : bufferCapacity);
        }
    }

    public ModelKind model() {
        return model;
    }

    /** Every buffer's contents and the counters, for a machine checkpoint (memory itself is not included). */
    public Object saveState() {
        Buffer[] copy = new Buffer[cpus];
        for (int c = 0; c < cpus; c++) {
            copy[c] = buffers[c].copy();
        }
        return new State(copy, nextSeq, pendingTotal, heldTotal);
    }

    /** Back to a {@link #saveState()} of this memory system. */
    public void restoreState(Object saved) {
        State st = (State) saved;
        for (int c = 0; c < cpus; c++) {
            buffers[c].copyFrom(st.buffers[c]);
        }
        nextSeq = st.nextSeq;
        pendingTotal = st.pendingTotal;
        heldTotal = st.heldTotal;
    }

    private record State(Buffer[] buffers, long nextSeq, int pendingTotal, int heldTotal) {
    }

    public MemoryViews views() {
        return views;
    }

    public int bufferCapacity() {
        return capacity;
    }

    // ---------------------------------------------------------------- the emulator's calls

    /**
     * A store by {@code cpu}, from its write hook, before the emulator puts {@code value} into the
     * CPU's own view: commits it at once or buffers it, as the model says. Never drops a store:
     * a full buffer first commits one of the CPU's stores.
     */
    public void store(int cpu, long pa, int size, long value, StoreKind kind) {
        checkAccess(cpu, pa, size);
        Objects.requireNonNull(kind, "kind");
        switch (model) {
            case SC -> publish(cpu, pa, size, value);
            case TSO -> {
                if (kind.isAtomic()) {
                    // A locked instruction: its read drained already; drain again in case the
                    // emulator reports a write without the read.
                    drain(cpu);
                    publish(cpu, pa, size, value);
                } else {
                    Buffer b = buffers[cpu];
                    if (b.count == capacity) {
                        commitEntry(cpu, 0);
                    }
                    append(b, cpu, pa, size, value, kind);
                }
            }
            case ARM -> storeArm(cpu, pa, size, value, kind);
        }
    }

    /**
     * A store to memory no other CPU uses (the CPU's own stack): nobody can tell when it becomes
     * visible, so it commits at once, under every model, and is never a commit choice. The caller
     * guarantees that none of the CPU's buffered stores is to these bytes (they all went this way).
     */
    public void storePrivate(int cpu, long pa, int size, long value) {
        checkAccess(cpu, pa, size);
        publish(cpu, pa, size, value);
    }

    private void storeArm(int cpu, long pa, int size, long value, StoreKind kind) {
        Buffer b = buffers[cpu];
        if (kind.isAtomic()) {
            // Normally a no-op: the atomic's read was refused while anyone else held these bytes,
            // and it committed what this write waits for. Repeated so that a write reported
            // without its read still keeps holds exclusive and deadlock-free.
            releaseForeignHolds(cpu, pa, size);
            if (kind == StoreKind.ATOMIC_FULL) {
                drain(cpu);
                publish(cpu, pa, size, value);
                return;
            }
            commitWhatAtomicWriteWaitsFor(cpu, pa, size, kind.isRelease());
        }
        while (b.count == capacity) {
            makeRoom(cpu);
        }
        append(b, cpu, pa, size, value, kind);
    }

    /**
     * Before a load by {@code cpu}: performs the CPU's own commits the model requires first, then
     * says whether the load may go ahead. A refused load changes nothing; the emulator retries it
     * after a commit (the holder's write is always a commit choice).
     */
    public LoadVerdict load(int cpu, long pa, int size, LoadKind kind) {
        checkCpu(cpu);
        checkSize(pa, size);
        Objects.requireNonNull(kind, "kind");
        switch (model) {
            case SC -> {
                return LoadVerdict.PROCEED;
            }
            case TSO -> {
                if (kind.isAtomic()) {
                    drain(cpu);
                }
                return LoadVerdict.PROCEED;
            }
            default -> {
                return loadArm(cpu, pa, size, kind);
            }
        }
    }

    private LoadVerdict loadArm(int cpu, long pa, int size, LoadKind kind) {
        switch (kind) {
            case PLAIN, ACQUIRE_PC -> {
                return LoadVerdict.PROCEED;
            }
            case ACQUIRE -> {
                commitReleases(cpu);
                return LoadVerdict.PROCEED;
            }
            default -> {
                // Any atomic read, fully ordered ones included: reading held bytes would lose the
                // holder's update.
                if (heldTotal > 0 && holderOf(cpu, pa, size) >= 0) {
                    return LoadVerdict.BLOCKED_BY_HOLD;
                }
                switch (kind) {
                    // *AL drains before it reads; a release atomic's write waits for every earlier
                    // store, which the hold rule turns into committing them all now.
                    case ATOMIC_FULL, ATOMIC_RELEASE -> drain(cpu);
                    // ldadda/casa/ldaxr are Load-Acquires, RCsc like ldar.
                    case ATOMIC_ACQUIRE -> {
                        commitReleases(cpu);
                        commitWhatAtomicWriteWaitsFor(cpu, pa, size, false);
                    }
                    default -> commitWhatAtomicWriteWaitsFor(cpu, pa, size, false);
                }
                return LoadVerdict.PROCEED;
            }
        }
    }

    /** After {@link LoadVerdict#BLOCKED_BY_HOLD}: the lowest-numbered other CPU holding any of the bytes, or -1. */
    public int blockingHolder(int cpu, long pa, int size) {
        checkCpu(cpu);
        return heldTotal == 0 ? -1 : holderOf(cpu, pa, size);
    }

    public void barrier(int cpu, Barrier b) {
        checkCpu(cpu);
        Objects.requireNonNull(b, "barrier");
        if (model == ModelKind.SC || b == Barrier.LOAD) {
            return;
        }
        if (b == Barrier.FULL) {
            drain(cpu);
        } else if (model == ModelKind.ARM) {
            Buffer buf = buffers[cpu];
            // A new epoch only if some pending store is in the current one; so pending epochs span
            // at most `capacity` values and never wrap, whatever the number of barriers.
            if (buf.count > 0 && buf.epoch[buf.count - 1] == buf.epochNow) {
                buf.epochNow++;
            }
        }
    }

    /** Commits every pending store of {@code cpu} now, oldest first (committing holders it waits on). */
    public void drain(int cpu) {
        checkCpu(cpu);
        Buffer b = buffers[cpu];
        while (b.count > 0) {
            forceCommit(cpu, 0);
        }
    }

    /** Every store that may commit next: CPU ascending, then program order. */
    public List<CommitChoice> commitChoices() {
        if (pendingTotal == 0) {
            return List.of();
        }
        List<CommitChoice> out = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            Buffer b = buffers[c];
            for (int i = 0; i < b.count; i++) {
                if (blockCode(c, i) == OK) {
                    out.add(new CommitChoice(c, b.seq[i]));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * {@link #commitChoices()} without allocating, for the scheduler's per-decision loop: choice k
     * is {@code cpus[k]}'s store {@code seqs[k]}, k below the returned count. Both arrays need
     * {@link #maxCommitChoices()} elements.
     */
    public int commitChoices(int[] cpuOut, long[] seqOut) {
        return scanCommitChoices(cpuOut, seqOut);
    }

    /** Counts the stores that may commit next, listing them when the arrays are given. */
    private int scanCommitChoices(int[] cpuOut, long[] seqOut) {
        if (pendingTotal == 0) {
            return 0;
        }
        int n = 0;
        for (int c = 0; c < cpus; c++) {
            Buffer b = buffers[c];
            for (int i = 0; i < b.count; i++) {
                if (blockCode(c, i) == OK) {
                    if (cpuOut != null) {
                        cpuOut[n] = c;
                        seqOut[n] = b.seq[i];
                    }
                    n++;
                }
            }
        }
        return n;
    }

    /** The most commit choices there can be at once: every buffer full. */
    public int maxCommitChoices() {
        return cpus * capacity;
    }

    /** The physical address of {@code cpu}'s pending store {@code seq} (no allocation: called per decision). */
    public long pendingAddress(int cpu, long seq) {
        return buffers[cpu].pa[pendingIndex(cpu, seq)];
    }

    /** The size of {@code cpu}'s pending store {@code seq}. */
    public int pendingSize(int cpu, long seq) {
        return buffers[cpu].size[pendingIndex(cpu, seq)];
    }

    private int pendingIndex(int cpu, long seq) {
        checkCpu(cpu);
        int i = buffers[cpu].indexOf(seq);
        if (i < 0) {
            throw new IllegalStateException("cpu " + cpu + " has no pending store #" + seq);
        }
        return i;
    }

    /** How many stores may commit next; {@code commitChoices().size()} without allocating. */
    public int commitChoiceCount() {
        return scanCommitChoices(null, null);
    }

    /** Commits one store; {@link IllegalStateException} naming it if it may not commit now. */
    public void commit(CommitChoice c) {
        Objects.requireNonNull(c, "choice");
        commit(c.cpu(), c.seq());
    }

    /** {@link #commit(CommitChoice)} of {@code cpu}'s store {@code seq}, without a choice object. */
    public void commit(int cpu, long seq) {
        checkCpu(cpu);
        Buffer b = buffers[cpu];
        int i = b.indexOf(seq);
        if (i < 0) {
            throw new IllegalStateException("cpu " + cpu + " has no pending store #" + seq
                    + " (pending: " + pending(cpu) + ")");
        }
        String why = describeBlock(cpu, i);
        if (why != null) {
            throw new IllegalStateException("cannot commit " + entry(cpu, i) + " now: " + why);
        }
        commitEntry(cpu, i);
    }

    /** Why store {@code seq} of {@code cpu} may not commit now, or null if it may. */
    public String blockedReason(int cpu, long seq) {
        checkCpu(cpu);
        int i = buffers[cpu].indexOf(seq);
        if (i < 0) {
            throw new IllegalArgumentException("cpu " + cpu + " has no pending store #" + seq);
        }
        return describeBlock(cpu, i);
    }

    public boolean hasPending(int cpu) {
        checkCpu(cpu);
        return buffers[cpu].count > 0;
    }

    public boolean anyPending() {
        return pendingTotal > 0;
    }

    public int pendingCount(int cpu) {
        checkCpu(cpu);
        return buffers[cpu].count;
    }

    /** {@code cpu}'s pending stores in program order: an immutable snapshot. */
    public List<PendingStore> pending(int cpu) {
        checkCpu(cpu);
        Buffer b = buffers[cpu];
        PendingStore[] out = new PendingStore[b.count];
        for (int i = 0; i < b.count; i++) {
            out[i] = entry(cpu, i);
        }
        return List.of(out);
    }

    /**
     * A write the emulator makes for {@code cpu} that is visible to everyone at once (exception
     * frames the CPU pushes, accessed/dirty bits the page walker sets): committed memory and every
     * view, {@code cpu}'s own included, except bytes a view's CPU has pending itself (they stay
     * visible to it and commit over this later). Listeners hear it as aligned pieces of 1, 2, 4 or 8
     * bytes.
     *
     * <p>Under arm a buffered atomic write holding any of these bytes commits first: the hold
     * promises that nothing lands between an atomic's read and its write. A caller that computed
     * {@code bytes} from memory it read earlier should use {@link #compareAndSetNow} instead.
     */
    public void commitNow(int cpu, long pa, byte[] bytes) {
        checkCpu(cpu);
        Objects.requireNonNull(bytes, "bytes");
        if (!committed.contains(pa, bytes.length)) {
            throw new PhysicalAddressOutOfRangeException(pa, bytes.length, memSize);
        }
        releaseAllHolds(pa, bytes.length);
        int off = 0;
        while (off < bytes.length) {
            long a = pa + off;
            int left = bytes.length - off;
            int n = (left >= 8 && (a & 7) == 0) ? 8 : (left >= 4 && (a & 3) == 0) ? 4 : (left >= 2 && (a & 1) == 0) ? 2 : 1;
            long v = 0;
            for (int k = n - 1; k >= 0; k--) {
                v = (v << 8) | (bytes[off + k] & 0xffL);
            }
            publishEverywhere(cpu, a, n, v);
            off += n;
        }
    }

    /**
     * The hardware walker's atomic update: if committed memory holds {@code expect} at {@code pa}
     * (after any atomic write holding those bytes has committed), writes {@code update} as
     * {@link #commitNow} does and returns true; else changes nothing and returns false.
     */
    public boolean compareAndSetNow(int cpu, long pa, long expect, long update) {
        checkAccess(cpu, pa, 8);
        releaseAllHolds(pa, 8);
        if (committed.read64(pa) != expect) {
            return false;
        }
        publishEverywhere(cpu, pa, 8, update);
        return true;
    }

    /**
     * Commits every buffered atomic write (arm) holding any byte of {@code [pa, pa + len)}, so that
     * a reader about to compute a write that is {@linkplain #commitNow visible at once} from those
     * bytes (a page walker's compare-and-set that reads its CPU's own view, say) sees the atomic's
     * result rather than overwriting it. A no-op under sc and tso, which never hold.
     */
    public void commitHolds(long pa, long len) {
        if (len < 0 || !committed.contains(pa, len)) {
            throw new PhysicalAddressOutOfRangeException(pa, len, memSize);
        }
        releaseAllHolds(pa, len);
    }

    // ---------------------------------------------------------------- commit machinery

    private void append(Buffer b, int cpu, long pa, int size, long value, StoreKind kind) {
        int i = b.count++;
        b.seq[i] = nextSeq++;
        b.pa[i] = pa;
        b.size[i] = size;
        b.value[i] = value;
        b.kind[i] = kind;
        b.epoch[i] = b.epochNow;
        pendingTotal++;
        if (model == ModelKind.ARM && kind.holds()) {
            b.held++;
            heldTotal++;
        }
    }

    /** Makes one slot free in {@code cpu}'s full buffer: its oldest committable store, else the holders'. */
    private void makeRoom(int cpu) {
        Buffer b = buffers[cpu];
        for (int i = 0; i < b.count; i++) {
            if (blockCode(cpu, i) == OK) {
                commitEntry(cpu, i);
                return;
            }
        }
        // Only a hold can block the oldest store (nothing is earlier); its holder's write can commit.
        forceCommit(cpu, 0);
    }

    /**
     * Commits store {@code idx} of {@code cpu} now, first committing whatever it waits for: its
     * earlier stores that block it (oldest first, recursively) and writes holding its bytes.
     */
    private void forceCommit(int cpu, int idx) {
        Buffer b = buffers[cpu];
        long seq = b.seq[idx];
        while (true) {
            int i = b.indexOf(seq);
            int blocker = earlierBlocker(cpu, i);
            if (blocker >= 0) {
                forceCommit(cpu, blocker);
                continue;
            }
            int holder = heldTotal == 0 ? -1 : holderOf(cpu, b.pa[i], b.size[i]);
            if (holder >= 0) {
                commitHeld(holder, b.pa[i], b.size[i]);
                continue;
            }
            commitEntry(cpu, i);
            return;
        }
    }

    /** Commits {@code holder}'s first buffered atomic write overlapping the range; it is committable by construction. */
    private void commitHeld(int holder, long pa, long len) {
        Buffer h = buffers[holder];
        for (int j = 0; j < h.count; j++) {
            if (h.kind[j].holds() && overlaps(h.pa[j], h.size[j], pa, len)) {
                String why = describeBlock(holder, j);
                if (why != null) {
                    throw new IllegalStateException("memory model invariant broken: held " + entry(holder, j)
                            + " cannot commit: " + why);
                }
                commitEntry(holder, j);
                return;
            }
        }
        throw new IllegalStateException(String.format("cpu %d holds no bytes in [0x%x, 0x%x)", holder, pa, pa + len));
    }

    /** Before writes that everyone sees at once: commit every held write overlapping the range. */
    private void releaseAllHolds(long pa, long len) {
        for (int c = 0; c < cpus && heldTotal > 0; c++) {
            while (buffers[c].held > 0 && holdsAny(buffers[c], pa, len)) {
                commitHeld(c, pa, len);
            }
        }
    }

    /** Before an atomic write by {@code cpu}: commit other CPUs' held writes overlapping it. */
    private void releaseForeignHolds(int cpu, long pa, int size) {
        int h;
        while (heldTotal > 0 && (h = holderOf(cpu, pa, size)) >= 0) {
            commitHeld(h, pa, size);
        }
    }

    /**
     * Before an atomic of {@code cpu} takes a hold: commit every earlier store its write would wait
     * for (overlapping, older epoch, or any if it is a release), so the held write never waits on
     * anything a hold can block (see the class comment).
     */
    private void commitWhatAtomicWriteWaitsFor(int cpu, long pa, int size, boolean release) {
        Buffer b = buffers[cpu];
        while (true) {
            int target = -1;
            for (int i = 0; i < b.count; i++) {
                if (release || b.epoch[i] != b.epochNow || overlaps(b.pa[i], b.size[i], pa, size)) {
                    target = i;
                    break;
                }
            }
            if (target < 0) {
                return;
            }
            forceCommit(cpu, target);
        }
    }

    /** RCsc acquire: commit until {@code cpu} has no release store pending. */
    private void commitReleases(int cpu) {
        Buffer b = buffers[cpu];
        while (true) {
            int target = -1;
            for (int i = 0; i < b.count; i++) {
                if (b.kind[i].isRelease()) {
                    target = i;
                    break;
                }
            }
            if (target < 0) {
                return;
            }
            forceCommit(cpu, target);
        }
    }

    private void commitEntry(int cpu, int i) {
        Buffer b = buffers[cpu];
        long pa = b.pa[i];
        int size = b.size[i];
        long value = b.value[i];
        if (b.kind[i].holds()) {
            b.held--;
            heldTotal--;
        }
        b.remove(i);
        pendingTotal--;
        publish(cpu, pa, size, value);
    }

    /**
     * Makes a store of {@code cpu} visible: committed memory and every other view except the bytes
     * that view's CPU has pending. {@code cpu}'s own view already holds its newest value.
     */
    private void publish(int cpu, long pa, int size, long value) {
        committed.writeSized(pa, size, value);
        for (int c = 0; c < cpus; c++) {
            if (c != cpu) {
                writeExceptPending(c, pa, size, value);
            }
        }
        views.notifyCommit(cpu, pa, size, value);
    }

    /** Like {@link #publish}, but {@code cpu}'s own view is written too (a write made for it, not by its store). */
    private void publishEverywhere(int cpu, long pa, int size, long value) {
        committed.writeSized(pa, size, value);
        for (int c = 0; c < cpus; c++) {
            writeExceptPending(c, pa, size, value);
        }
        views.notifyCommit(cpu, pa, size, value);
    }

    private void writeExceptPending(int c, long pa, int size, long value) {
        Buffer b = buffers[c];
        int mask = b.count == 0 ? 0 : pendingMask(b, pa, size);
        PhysicalMemory v = viewOf[c];
        if (mask == 0) {
            v.writeSized(pa, size, value);
            return;
        }
        for (int k = 0; k < size; k++) {
            if ((mask & (1 << k)) == 0) {
                v.write8(pa + k, (byte) (value >>> (8 * k)));
            }
        }
    }

    /** Bit k set: byte {@code pa + k} (k < size <= 8) is covered by a pending store in {@code b}. */
    private static int pendingMask(Buffer b, long pa, int size) {
        int mask = 0;
        long end = pa + size;
        for (int i = 0; i < b.count; i++) {
            long lo = Math.max(pa, b.pa[i]);
            long hi = Math.min(end, b.pa[i] + b.size[i]);
            for (long a = lo; a < hi; a++) {
                mask |= 1 << (int) (a - pa);
            }
        }
        return mask;
    }


    // ---------------------------------------------------------------- ordering rules

    private static final int OK = 0;
    private static final int FIFO = 1;
    private static final int SAME_LOCATION = 2;
    private static final int EPOCH = 3;
    private static final int RELEASE = 4;
    private static final int HELD = 5;

    /** {@link #OK} if store {@code i} of {@code cpu} may commit now, else which rule stops it. */
    private int blockCode(int cpu, int i) {
        Buffer b = buffers[cpu];
        if (model == ModelKind.TSO) {
            return i == 0 ? OK : FIFO;
        }
        if (i > 0) {
            if (b.kind[i].isRelease()) {
                return RELEASE;
            }
            if (b.epoch[0] != b.epoch[i]) {
                return EPOCH;
            }
            for (int j = 0; j < i; j++) {
                if (overlaps(b.pa[j], b.size[j], b.pa[i], b.size[i])) {
                    return SAME_LOCATION;
                }
            }
        }
        if (heldTotal > 0 && holderOf(cpu, b.pa[i], b.size[i]) >= 0) {
            return HELD;
        }
        return OK;
    }

    /** The oldest earlier store of the same CPU that store {@code i} must wait for, or -1. */
    private int earlierBlocker(int cpu, int i) {
        if (i == 0) {
            return -1;
        }
        Buffer b = buffers[cpu];
        if (model == ModelKind.TSO || b.kind[i].isRelease() || b.epoch[0] != b.epoch[i]) {
            return 0;
        }
        for (int j = 0; j < i; j++) {
            if (overlaps(b.pa[j], b.size[j], b.pa[i], b.size[i])) {
                return j;
            }
        }
        return -1;
    }

    private String describeBlock(int cpu, int i) {
        Buffer b = buffers[cpu];
        return switch (blockCode(cpu, i)) {
            case OK -> null;
            case FIFO -> "tso commits each cpu's stores in program order and " + entry(cpu, 0) + " is older";
            case RELEASE -> "a release store commits only after every earlier store of its cpu, and "
                    + entry(cpu, 0) + " is pending";
            case EPOCH -> entry(cpu, 0) + " comes before a store-store barrier (dmb ishst) and must commit first";
            case SAME_LOCATION -> "same-location order: earlier " + entry(cpu, earlierBlocker(cpu, i))
                    + " writes overlapping bytes and must commit first";
            default -> {
                int h = holderOf(cpu, b.pa[i], b.size[i]);
                yield "cpu " + h + " holds those bytes until its buffered atomic write "
                        + entry(h, heldIndex(h, b.pa[i], b.size[i])) + " commits";
            }
        };
    }

    private PendingStore entry(int cpu, int i) {
        Buffer b = buffers[cpu];
        return new PendingStore(b.seq[i], cpu, b.pa[i], b.size[i], b.value[i], b.kind[i], b.epoch[i]);
    }

    /** Lowest other CPU with a buffered atomic write overlapping the range, or -1. */
    private int holderOf(int cpu, long pa, long len) {
        for (int c = 0; c < cpus; c++) {
            if (c != cpu && buffers[c].held > 0 && holdsAny(buffers[c], pa, len)) {
                return c;
            }
        }
        return -1;
    }

    private static boolean holdsAny(Buffer b, long pa, long len) {
        return heldIndexIn(b, pa, len) >= 0;
    }

    private int heldIndex(int cpu, long pa, long len) {
        return heldIndexIn(buffers[cpu], pa, len);
    }

    private static int heldIndexIn(Buffer b, long pa, long len) {
        for (int j = 0; j < b.count; j++) {
            if (b.kind[j].holds() && overlaps(b.pa[j], b.size[j], pa, len)) {
                return j;
            }
        }
        return -1;
    }

    private static boolean overlaps(long a, long alen, long b, long blen) {
        return a < b + blen && b < a + alen;
    }

    // ---------------------------------------------------------------- argument checks

    private void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= cpus) {
            throw new IndexOutOfBoundsException("cpu " + cpu + " does not exist (" + cpus + " cpus)");
        }
    }

    private void checkSize(long pa, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("access of " + size + " bytes at 0x" + Long.toHexString(pa)
                    + ": only 1, 2, 4 and 8 byte accesses are modelled");
        }
    }

    private void checkAccess(int cpu, long pa, int size) {
        checkCpu(cpu);
        checkSize(pa, size);
        if (pa < 0 || pa > memSize - size) {
            throw new PhysicalAddressOutOfRangeException(pa, size, memSize);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MemorySystem[").append(model.displayName());
        for (int c = 0; c < cpus; c++) {
            sb.append(", cpu ").append(c).append(": ").append(buffers[c].count).append(" pending");
        }
        return sb.append(']').toString();
    }
}
