package io.mmulab.kernel;

import java.util.List;

/** The user address space a CPU runs in: the mm_struct, its page-table root and its VMAs in address order. */
public record AddressSpaceView(int cpu, long mm, long pgd, int mapCount, List<VmaView> vmas) {
}
