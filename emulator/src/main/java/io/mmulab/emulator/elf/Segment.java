package io.mmulab.emulator.elf;

/**
 * One PT_LOAD segment: {@code fileSize} bytes of {@code data} go to physical address
 * {@code paddr}, the rest up to {@code memSize} is zero. The kernel links most of itself
 * at a high virtual address, so {@code vaddr} and {@code paddr} differ.
 */
public record Segment(long vaddr, long paddr, long memSize, byte[] data, boolean executable, boolean writable) {

    public long fileSize() {
        return data.length;
    }

    public boolean containsVirtual(long va) {
        return Long.compareUnsigned(va, vaddr) >= 0 && Long.compareUnsigned(va - vaddr, memSize) < 0;
    }
}
