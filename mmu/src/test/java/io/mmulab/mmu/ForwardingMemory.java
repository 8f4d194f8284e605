package io.mmulab.mmu;

import java.lang.foreign.MemorySegment;

/** Test helper: a PhysicalMemory that delegates everything, for overriding one operation. */
class ForwardingMemory implements PhysicalMemory {
    private final PhysicalMemory d;

    ForwardingMemory(PhysicalMemory delegate) {
        this.d = delegate;
    }

    @Override public long size() { return d.size(); }
    @Override public long read64(long pa) { return d.read64(pa); }
    @Override public int read32(long pa) { return d.read32(pa); }
    @Override public short read16(long pa) { return d.read16(pa); }
    @Override public byte read8(long pa) { return d.read8(pa); }
    @Override public void write64(long pa, long v) { d.write64(pa, v); }
    @Override public void write32(long pa, int v) { d.write32(pa, v); }
    @Override public void write16(long pa, short v) { d.write16(pa, v); }
    @Override public void write8(long pa, byte v) { d.write8(pa, v); }
    @Override public void read(long pa, byte[] dst, int off, int len) { d.read(pa, dst, off, len); }
    @Override public void write(long pa, byte[] src, int off, int len) { d.write(pa, src, off, len); }
    @Override public boolean compareAndSet64(long pa, long expect, long update) {
        return d.compareAndSet64(pa, expect, update);
    }
    @Override public MemorySegment segment() { return d.segment(); }
}
