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
    /** A 1, 2, 4 or 8-byte little-endian value at {@code pa}, zero-extended (the size of a memory access). */
    default long readSized(long pa, int size) {
        return switch (size) {
            case 1 -> read8(pa) & 0xffL;
            case 2 -> read16(pa) & 0xffffL;
            case 4 -> read32(pa) & 0xffffffffL;
            case 8 -> read64(pa);
            default -> throw unsupportedSize(pa, size);
        };
    }

    /** Writes the low {@code size} (1, 2, 4 or 8) bytes of {@code value} at {@code pa}. */
    default void writeSized(long pa, int size, long value) {
        switch (size) {
            case 1 -> write8(pa, (byte) value);
            case 2 -> write16(pa, (short) value);
            case 4 -> write32(pa, (int) value);
            case 8 -> write64(pa, value);
            default -> throw unsupportedSize(pa, size);
        }
    }

    private static IllegalArgumentException unsupportedSize(long pa, int size) {
        return new IllegalArgumentException("access of " + size + " bytes at 0x" + Long.toHexString(pa)
                + ": only 1, 2, 4 and 8 byte accesses are modelled");
    }

    boolean compareAndSet64(long pa, long expect, long update);

    /** The backing store (page aligned when allocated here), e.g. for mapping into unicorn. */
    MemorySegment segment();

    /** Whether {@code [pa, pa + len)} lies wholly inside memory. */
    default boolean contains(long pa, long len) {
        return pa >= 0 && len >= 0 && pa <= size() - len;
    }
}
