package io.mmulab.mmu;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * Committed physical memory plus one private copy ("view") per vCPU.
 *
 * <p>Each vCPU executes against its own view at full speed; a view equals committed memory
 * overlaid with that vCPU's own not-yet-committed stores. Committing a store writes it to
 * committed memory and to every view. (Store buffers, which keep a store in one view only
 * until it commits, sit on top of this; without them every store commits at once: {@code sc}.)
 */
public final class MemoryViews implements AutoCloseable {
    /** Owns every copy, so closing the machine unmaps them at once rather than at some GC. */
    private final Arena arena;
    private final SegmentPhysicalMemory committed;
    private final SegmentPhysicalMemory[] views;
    private final List<CommitListener> listeners = new ArrayList<>();
    /** Undo logs for checkpoints: index i < cpus is view i, the last one committed memory. */
    private final DirtyPages[] dirty;
    private final PhysicalMemory trackedCommitted;
    private final PhysicalMemory[] trackedViews;

    private MemoryViews(Arena arena, SegmentPhysicalMemory committed, SegmentPhysicalMemory[] views) {
        this.arena = arena;
        this.committed = committed;
        this.views = views;
        this.dirty = new DirtyPages[views.length + 1];
        this.trackedViews = new PhysicalMemory[views.length];
        for (int i = 0; i < views.length; i++) {
            dirty[i] = new DirtyPages(views[i].segment());
            trackedViews[i] = new TrackedMemory(views[i], dirty[i]);
        }
        dirty[views.length] = new DirtyPages(committed.segment());
        this.trackedCommitted = new TrackedMemory(committed, dirty[views.length]);
    }

    public static MemoryViews allocate(long bytes, int cpus) {
        if (cpus < 1) {
            throw new IllegalArgumentException("need at least one view, got " + cpus);
        }
        Arena arena = Arena.ofShared();
        SegmentPhysicalMemory[] views = new SegmentPhysicalMemory[cpus];
        for (int i = 0; i < cpus; i++) {
            views[i] = SegmentPhysicalMemory.allocate(bytes, arena);
        }
        return new MemoryViews(arena, SegmentPhysicalMemory.allocate(bytes, arena), views);
    }

    /** Committed memory; writes through it are remembered for {@link #rollback()}. */
    public PhysicalMemory committed() {
        return trackedCommitted;
    }

    /** cpu's view; writes through it are remembered for {@link #rollback()}. */
    public PhysicalMemory view(int cpu) {
        return trackedViews[cpu];
    }

    /**
     * Something outside these objects (unicorn, executing a store) is about to write bytes
     * {@code [pa, pa + len)} of cpu's view.
     */
    public void beforeViewWrite(int cpu, long pa, int len) {
        dirty[cpu].beforeWrite(pa, len);
    }

    /** From now on remember the old contents of every page written, so {@link #rollback()} can return here. */
    public void checkpoint() {
        for (DirtyPages d : dirty) {
            d.checkpoint();
        }
    }

    /** Every page written since {@link #checkpoint()} gets its old contents back. */
    public void rollback() {
        for (DirtyPages d : dirty) {
            d.rollback();
        }
    }

    /** Pages written since the checkpoint, over committed memory and all views. */
    public int dirtyPages() {
        int n = 0;
        for (DirtyPages d : dirty) {
            n += d.dirtyPages();
        }
        return n;
    }

    public int cpus() {
        return views.length;
    }

    public long size() {
        return committed.size();
    }

    public void addCommitListener(CommitListener l) {
        listeners.add(l);
    }

    /** Boot-time placement of image bytes: into committed memory and every view alike. */
    public void loadEverywhere(long pa, byte[] data) {
        committed.write(pa, data, 0, data.length);
        for (SegmentPhysicalMemory v : views) {
            v.write(pa, data, 0, data.length);
        }
    }

    /** Makes a store by {@code cpu} visible to every CPU. */
    public void commit(int cpu, long pa, int size, long value) {
        trackedCommitted.writeSized(pa, size, value);
        for (PhysicalMemory v : trackedViews) {
            v.writeSized(pa, size, value);
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onCommit(cpu, pa, size, value);
        }
    }

    /**
     * Tells every {@link CommitListener} of a commit whose bytes the caller has already written to
     * committed memory and the views itself. Store buffers need this: they write each view
     * selectively (a view keeps the bytes its own CPU still has pending), which {@link #commit}
     * cannot do.
     */
    public void notifyCommit(int cpu, long pa, int size, long value) {
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onCommit(cpu, pa, size, value);
        }
    }


    /** Unmaps every copy. Nothing (no unicorn engine in particular) may use them afterwards. */
    @Override
    public void close() {
        arena.close();
    }
}
