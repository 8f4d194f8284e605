package io.mmulab.mmu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SegmentPhysicalMemoryTest {
    private static final long MIB = 1 << 20;

    @Test
    void allocateGivesZeroedPageAlignedMemoryOfTheRequestedSize() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(2 * MIB);
        assertEquals(2 * MIB, mem.size());
        assertEquals(2 * MIB, mem.segment().byteSize());
        assertEquals(0, mem.segment().address() % 4096);
        for (long pa = 0; pa < mem.size(); pa += 4096 + 8) {
            assertEquals(0, mem.read64(pa));
        }
        assertEquals(0, mem.read64(mem.size() - 8));
    }

    @Test
    void onLinuxTheBackingIsAnAnonymousMapping() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assertTrue(SegmentPhysicalMemory.allocate(MIB).isAnonymousMapping());
    }

    @Test
    void sizeMustBeAPositiveMultipleOfAPage() {
        assertThrows(IllegalArgumentException.class, () -> SegmentPhysicalMemory.allocate(0));
        assertThrows(IllegalArgumentException.class, () -> SegmentPhysicalMemory.allocate(4097));
        assertThrows(IllegalArgumentException.class, () -> SegmentPhysicalMemory.allocate(-4096));
    }

    @Test
    void valuesAreLittleEndian() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        mem.write64(0x10, 0x0807_0605_0403_0201L);
        for (int i = 0; i < 8; i++) {
            assertEquals(i + 1, mem.read8(0x10 + i));
        }
        assertEquals(0x0403_0201, mem.read32(0x10));
        assertEquals(0x0807_0605, mem.read32(0x14));
        assertEquals((short) 0x0201, mem.read16(0x10));
        mem.write32(0x20, 0xAABB_CCDD);
        assertEquals((byte) 0xDD, mem.read8(0x20));
        mem.write16(0x30, (short) 0x1234);
        assertEquals(0x34, mem.read8(0x30));
        mem.write8(0x31, (byte) 0x56);
        assertEquals((short) 0x5634, mem.read16(0x30));
    }

    @Test
    void unalignedAccessesWork() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        mem.write64(0x3, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, mem.read64(0x3));
        assertEquals(0x5566_7788, mem.read32(0x3));
        mem.write32(0xFFB, 0xCAFE_BABE);
        assertEquals(0xCAFE_BABEL, mem.read32(0xFFB) & 0xFFFF_FFFFL);
        mem.write16(0xFFE, (short) -2);
        assertEquals(-2, mem.read16(0xFFE));
    }

    @Test
    void byteArrayCopiesRespectOffsetAndLength() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        byte[] src = {9, 1, 2, 3, 4, 9};
        mem.write(0x100, src, 1, 4);
        assertEquals(0x0403_0201, mem.read32(0x100));
        assertEquals(0, mem.read8(0x104));
        byte[] dst = new byte[6];
        mem.read(0x101, dst, 2, 3);
        assertArrayEquals(new byte[] {0, 0, 2, 3, 4, 0}, dst);
        assertThrows(IndexOutOfBoundsException.class, () -> mem.read(0, dst, 4, 3));
    }

    @Test
    void outOfRangeAccessesNameTheAddress() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(64 * 1024);
        List<Executable> wild = new ArrayList<>();
        wild.add(() -> mem.read64(0xFFF9));
        wild.add(() -> mem.read32(0xFFFD));
        wild.add(() -> mem.read16(0xFFFF));
        wild.add(() -> mem.read8(0x1_0000));
        wild.add(() -> mem.write64(0xFFF9, 1));
        wild.add(() -> mem.write32(0x1_0000, 1));
        wild.add(() -> mem.write16(0x1_0000, (short) 1));
        wild.add(() -> mem.write8(0x1_0000, (byte) 1));
        wild.add(() -> mem.compareAndSet64(0xFFF9, 0, 1));
        wild.add(() -> mem.read(0xFFF0, new byte[32], 0, 32));
        wild.add(() -> mem.write(0xFFF0, new byte[32], 0, 32));
        wild.add(() -> mem.read8(-1));
        wild.add(() -> mem.read64(Long.MAX_VALUE));
        for (Executable e : wild) {
            PhysicalAddressOutOfRangeException ex = assertThrows(PhysicalAddressOutOfRangeException.class, e);
            assertTrue(ex.getMessage().contains("0x" + Long.toHexString(ex.address())), ex.getMessage());
            assertTrue(ex.getMessage().contains("0x10000"), "names the memory size: " + ex.getMessage());
            assertEquals(0x1_0000, ex.memorySize());
        }
        PhysicalAddressOutOfRangeException ex = assertThrows(PhysicalAddressOutOfRangeException.class,
                () -> mem.read64(0xFFF9));
        assertEquals("physical address 0xfff9 (8 bytes) is outside physical memory [0x0, 0x10000)", ex.getMessage());
        assertEquals(0xFFF9, ex.address());
        assertEquals(8, ex.length());
        // The last valid bytes are still fine.
        mem.write64(0xFFF8, -1);
        assertEquals(-1, mem.read64(0xFFF8));
    }

    @Test
    void outOfRangeIsAnIllegalArgumentException() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        assertThrows(IllegalArgumentException.class, () -> mem.read64(4096));
    }

    @Test
    void containsChecksWholeRanges() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        assertTrue(mem.contains(0, 4096));
        assertTrue(mem.contains(4088, 8));
        assertFalse(mem.contains(4089, 8));
        assertFalse(mem.contains(-1, 1));
        assertFalse(mem.contains(0, 4097));
        assertFalse(mem.contains(Long.MAX_VALUE, 8));
    }

    @Test
    void compareAndSetReplacesOnlyTheExpectedValue() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        mem.write64(0x40, 5);
        assertFalse(mem.compareAndSet64(0x40, 6, 7));
        assertEquals(5, mem.read64(0x40));
        assertTrue(mem.compareAndSet64(0x40, 5, 0x8000_0000_0000_0001L));
        assertEquals(0x8000_0000_0000_0001L, mem.read64(0x40));
        assertEquals(1, mem.read8(0x40), "little-endian like every other access");
    }

    @Test
    void compareAndSetWorksUnalignedAndOnHeapSegments() {
        SegmentPhysicalMemory mem = SegmentPhysicalMemory.allocate(4096);
        mem.write64(0x43, 5);
        assertTrue(mem.compareAndSet64(0x43, 5, 9));
        assertFalse(mem.compareAndSet64(0x43, 5, 10));
        assertEquals(9, mem.read64(0x43));

        SegmentPhysicalMemory heap = new SegmentPhysicalMemory(MemorySegment.ofArray(new byte[64]));
        assertEquals(64, heap.size());
        heap.write64(8, 1);
        assertTrue(heap.compareAndSet64(8, 1, 2));
        assertFalse(heap.compareAndSet64(8, 1, 3));
        assertEquals(2, heap.read64(8));
        assertThrows(PhysicalAddressOutOfRangeException.class, () -> heap.read64(60));
    }

    @Test
    void wrappingAnExistingSegmentSharesIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(4096, 4096);
            SegmentPhysicalMemory mem = new SegmentPhysicalMemory(seg);
            mem.write32(0, 0x01020304);
            assertEquals(0x04, seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
            assertEquals(seg, mem.segment());
        }
    }

    @Test
    void closingTheArenaReleasesTheMemory() {
        SegmentPhysicalMemory mem;
        try (Arena arena = Arena.ofShared()) {
            mem = SegmentPhysicalMemory.allocate(MIB, arena);
            mem.write64(0, 42);
            assertEquals(42, mem.read64(0));
        }
        assertFalse(mem.segment().scope().isAlive());
        assertThrows(IllegalStateException.class, () -> mem.read64(0));
    }

    @Test
    void manyLargeMemoriesCostOnlyTheirTouchedPages() throws IOException {
        // Eight 512 MiB memories (a machine's committed memory plus views) must be cheap.
        assumeTrue(SegmentPhysicalMemory.allocate(4096).isAnonymousMapping(), "needs anonymous mmap");
        long rssBefore = residentKib();
        assumeTrue(rssBefore > 0, "needs /proc/self/status");
        List<SegmentPhysicalMemory> memories = new ArrayList<>();
        try (Arena arena = Arena.ofShared()) {
            for (int i = 0; i < 8; i++) {
                SegmentPhysicalMemory m = SegmentPhysicalMemory.allocate(512 * MIB, arena);
                m.write64(i * 4096L, i);
                m.write64(m.size() - 8, i);
                memories.add(m);
            }
            long grownKib = residentKib() - rssBefore;
            assertTrue(grownKib < 64 * 1024, "4 GiB of guest memory grew RSS by " + grownKib + " KiB");
            assertEquals(7, memories.get(7).read64(7 * 4096L));
            assertEquals(0, memories.get(7).read64(256 * MIB));
        }
    }

    private static long residentKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
