package io.mmulab.mmu;

/**
 * One entry read during a walk: its level, where it lives in physical memory and its value.
 * Levels use each architecture's own numbering: x86 4 = PML4E, 3 = PDPTE, 2 = PDE, 1 = PTE;
 * ARM64 0..3 from the top.
 */
public record PageTableEntryRef(int level, long entryAddress, long value) {
    @Override
    public String toString() {
        return String.format("L%d@0x%x=0x%016x", level, entryAddress, value);
    }
}
