package io.mmulab.mmu;

/** A physical access outside {@code [0, size)}: a guest wild pointer, reported, not crashed on. */
public final class PhysicalAddressOutOfRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long address;
    private final long length;
    private final long memorySize;

    public PhysicalAddressOutOfRangeException(long address, long length, long memorySize) {
        super(String.format("physical address 0x%x (%d bytes) is outside physical memory [0x0, 0x%x)",
                address, length, memorySize));
        this.address = address;
        this.length = length;
        this.memorySize = memorySize;
    }

    public long address() {
        return address;
    }

    public long length() {
        return length;
    }

    public long memorySize() {
        return memorySize;
    }
}
