package io.mmulab.mmu;

import java.lang.foreign.MemorySegment;

/**
 * Guest physical memory: byte-addressed, little-endian, valid addresses {@code [0, size())}.
 *
 * <p>Every accessor rejects an access that does not lie wholly inside memory with a
 * {@link PhysicalAddressOutOfRangeException} (an {@link IllegalArgumentException}) naming the
 * address, so a guest wild pointer becomes a report rather than a JVM crash. Accesses need not
 * be aligned.
 */
public interface PhysicalMemory {
    long size();

    long read64(long pa);

    int read32(long pa);

    short read16(long pa);

    byte read8(long pa);

    void write64(long pa, long v);

    void write32(long pa, int v);

    void write16(long pa, short v);

    void write8(long pa, byte v);

    void read(long pa, byte[] dst, int off, int len);

    void write(long pa, byte[] src, int off, int len);

    /**
     * Replaces the 8 bytes at {@code pa} with {@code update} if they equal {@code expect}, as one
     * indivisible step; returns whether it did. This is how hardware page walkers set accessed and
     * dirty bits without losing a concurrent update to the same entry.
     */
    boolean compareAndSet64(long pa, long expect, long update);

    /** The backing store (page aligned when allocated here), e.g. for mapping into unicorn. */
    MemorySegment segment();

    /** Whether {@code [pa, pa + len)} lies wholly inside memory. */
    default boolean contains(long pa, long len) {
        return pa >= 0 && len >= 0 && pa <= size() - len;
    }
}
