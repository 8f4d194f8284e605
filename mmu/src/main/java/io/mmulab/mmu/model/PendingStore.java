package io.mmulab.mmu.model;

/**
 * A buffered store, not yet visible to other CPUs.
 *
 * @param seq   global number, increasing in the order stores entered their buffers
 * @param cpu   the CPU that made it
 * @param pa    physical address
 * @param size  1, 2, 4 or 8 bytes
 * @param value little-endian value (low {@code size} bytes)
 * @param kind  instruction kind
 * @param epoch the CPU's store-store epoch when it was made ({@code dmb ishst} starts a new one)
 */
public record PendingStore(long seq, int cpu, long pa, int size, long value, StoreKind kind, int epoch) {
    /** Whether this store holds its bytes against other CPUs (a buffered atomic write). */
    public boolean holds() {
        return kind.holds();
    }

    @Override
    public String toString() {
        return String.format("store #%d of cpu %d (%d bytes at 0x%x = 0x%x, %s)", seq, cpu, size, pa,
                size == 8 ? value : value & ((1L << (8 * size)) - 1), kind);
    }
}
