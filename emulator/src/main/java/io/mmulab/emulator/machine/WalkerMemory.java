package io.mmulab.emulator.machine;

import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.model.MemorySystem;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Physical memory as a hardware page walker sees it. On arm64 the walker reads committed
 * memory: a PTE store reaches it only once it is visible to all (which is why Linux puts a
 * {@code dsb ishst} after set_pte). On x86, where Linux uses a PTE right after a plain store,
 * the walker also sees its own CPU's buffered stores, through that CPU's view. The
 * accessed/dirty updates a walker makes are globally visible at once (they sit in no store
 * buffer), so they go through {@link MemorySystem#commitNow}.
 */
final class WalkerMemory implements PhysicalMemory {
    private final MemorySystem memory;
    private final PhysicalMemory committed;
    private final int cpu;

    WalkerMemory(MemorySystem memory, int cpu, boolean seesOwnStores) {
        this.memory = memory;
        this.committed = seesOwnStores ? memory.views().view(cpu) : memory.views().committed();
        this.cpu = cpu;
    }

    @Override
    public long size() {
        return committed.size();
    }

    @Override
    public long read64(long pa) {
        return committed.read64(pa);
    }

    @Override
    public int read32(long pa) {
        return committed.read32(pa);
    }

    @Override
    public short read16(long pa) {
        return committed.read16(pa);
    }

    @Override
    public byte read8(long pa) {
        return committed.read8(pa);
    }

    @Override
    public void read(long pa, byte[] dst, int off, int len) {
        committed.read(pa, dst, off, len);
    }

    @Override
    public void write64(long pa, long v) {
        memory.commitNow(cpu, pa, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    @Override
    public void write32(long pa, int v) {
        memory.commitNow(cpu, pa, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    @Override
    public void write16(long pa, short v) {
        memory.commitNow(cpu, pa, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(v).array());
    }

    @Override
    public void write8(long pa, byte v) {
        memory.commitNow(cpu, pa, new byte[] {v});
    }

    @Override
    public void write(long pa, byte[] src, int off, int len) {
        memory.commitNow(cpu, pa, java.util.Arrays.copyOfRange(src, off, off + len));
    }

    @Override
    public boolean compareAndSet64(long pa, long expect, long update) {
        // One host thread drives every vCPU: nothing can slip in between. (The update is
        // made in committed memory; where the walker's CPU has its own store pending to the
        // entry, that store still wins when it commits, as it would on hardware.) A buffered
        // atomic holding the entry goes first, so the update cannot slip between its halves.
        memory.commitHolds(pa, 8);
        if (committed.read64(pa) != expect) {
            return false;
        }
        write64(pa, update);
        return true;
    }

    @Override
    public MemorySegment segment() {
        return committed.segment();
    }
}
