package io.mmulab.mmu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * {@link PhysicalMemory} over a {@link MemorySegment}.
 *
 * <p>{@link #allocate} backs memory with an anonymous private mmap, so untouched pages cost
 * nothing (see {@link AnonymousMemory}); it falls back to zero-filled Arena memory when native
 * access is unavailable. The segment stays valid while this object (or the arena passed to
 * {@link #allocate(long, Arena)}) is alive: whoever maps it into unicorn must keep it reachable.
 */
public final class SegmentPhysicalMemory implements PhysicalMemory {
    /** Guest page size that allocations are aligned and sized to. */
    public static final long PAGE_SIZE = 4096;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Aligned 8-byte handle: the only kind that supports a real atomic compare-and-set. */
    private static final VarHandle ATOMIC_LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final MemorySegment seg;
    private final long size;
    private final boolean anonymousMapping;

    public SegmentPhysicalMemory(MemorySegment seg) {
        this(seg, false);
    }

    private SegmentPhysicalMemory(MemorySegment seg, boolean anonymousMapping) {
        this.seg = Objects.requireNonNull(seg, "seg");
        this.size = seg.byteSize();
        this.anonymousMapping = anonymousMapping;
    }

    /** Zeroed, page-aligned memory, released when this object becomes unreachable. */
    public static SegmentPhysicalMemory allocate(long bytes) {
        return allocate(bytes, Arena.ofAuto());
    }

    /** Zeroed, page-aligned memory, released when {@code arena} is closed. */
    public static SegmentPhysicalMemory allocate(long bytes, Arena arena) {
        if (bytes <= 0 || bytes % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("physical memory size must be a positive multiple of "
                    + PAGE_SIZE + ", got " + bytes);
        }
        var mapped = AnonymousMemory.map(bytes, arena);
        if (mapped.isPresent()) {
            return new SegmentPhysicalMemory(mapped.get(), true);
        }
        return new SegmentPhysicalMemory(arena.allocate(bytes, PAGE_SIZE), false);
    }

    /** Whether the backing store is a lazily populated anonymous mapping (else eager Arena memory). */
    public boolean isAnonymousMapping() {
        return anonymousMapping;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MemorySegment segment() {
        return seg;
    }

    @Override
    public long read64(long pa) {
        check(pa, 8);
        return seg.get(LONG, pa);
    }

    @Override
    public int read32(long pa) {
        check(pa, 4);
        return seg.get(INT, pa);
    }

    @Override
    public short read16(long pa) {
        check(pa, 2);
        return seg.get(SHORT, pa);
    }

    @Override
    public byte read8(long pa) {
        check(pa, 1);
        return seg.get(ValueLayout.JAVA_BYTE, pa);
    }

    @Override
    public void write64(long pa, long v) {
        check(pa, 8);
        seg.set(LONG, pa, v);
    }

    @Override
    public void write32(long pa, int v) {
        check(pa, 4);
        seg.set(INT, pa, v);
    }

    @Override
    public void write16(long pa, short v) {
        check(pa, 2);
        seg.set(SHORT, pa, v);
    }

    @Override
    public void write8(long pa, byte v) {
        check(pa, 1);
        seg.set(ValueLayout.JAVA_BYTE, pa, v);
    }

    @Override
    public void read(long pa, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        check(pa, len);
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pa, dst, off, len);
    }

    @Override
    public void write(long pa, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        check(pa, len);
        MemorySegment.copy(src, off, seg, ValueLayout.JAVA_BYTE, pa, len);
    }

    @Override
    public boolean compareAndSet64(long pa, long expect, long update) {
        check(pa, 8);
        if (seg.isNative() && ((seg.address() + pa) & 7) == 0) {
            return ATOMIC_LONG.compareAndSet(seg, pa, expect, update);
        }
        // Misaligned or heap-backed: no hardware atomic exists; the emulator is single-threaded,
        // so compare-then-write is indivisible in practice.
        if (seg.get(LONG, pa) != expect) {
            return false;
        }
        seg.set(LONG, pa, update);
        return true;
    }

    private void check(long pa, long len) {
        if (pa < 0 || pa > size - len) {
            throw new PhysicalAddressOutOfRangeException(pa, len, size);
        }
    }

    @Override
    public String toString() {
        return String.format("SegmentPhysicalMemory[0x%x bytes, %s]", size,
                anonymousMapping ? "anonymous mmap" : "arena");
    }
}
