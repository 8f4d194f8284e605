package io.mmulab.mmu;

import java.lang.foreign.MemorySegment;

/** A {@link PhysicalMemory} that tells its {@link DirtyPages} before every write. */
final class TrackedMemory implements PhysicalMemory {
    private final PhysicalMemory m;
    private final DirtyPages dirty;

    TrackedMemory(PhysicalMemory m, DirtyPages dirty) {
        this.m = m;
        this.dirty = dirty;
    }

    @Override
    public long size() {
        return m.size();
    }

    @Override
    public long read64(long pa) {
        return m.read64(pa);
    }

    @Override
    public int read32(long pa) {
        return m.read32(pa);
    }

    @Override
    public short read16(long pa) {
        return m.read16(pa);
    }

    @Override
    public byte read8(long pa) {
        return m.read8(pa);
    }

    @Override
    public void read(long pa, byte[] dst, int off, int len) {
        m.read(pa, dst, off, len);
    }

    @Override
    public void write64(long pa, long v) {
        dirty.beforeWrite(pa, 8);
        m.write64(pa, v);
    }

    @Override
    public void write32(long pa, int v) {
        dirty.beforeWrite(pa, 4);
        m.write32(pa, v);
    }

    @Override
    public void write16(long pa, short v) {
        dirty.beforeWrite(pa, 2);
        m.write16(pa, v);
    }

    @Override
    public void write8(long pa, byte v) {
        dirty.beforeWrite(pa, 1);
        m.write8(pa, v);
    }

    @Override
    public void write(long pa, byte[] src, int off, int len) {
        dirty.beforeWrite(pa, len);
        m.write(pa, src, off, len);
    }

    @Override
    public boolean compareAndSet64(long pa, long expect, long update) {
        dirty.beforeWrite(pa, 8);
        return m.compareAndSet64(pa, expect, update);
    }

    @Override
    public MemorySegment segment() {
        return m.segment();
    }
}
