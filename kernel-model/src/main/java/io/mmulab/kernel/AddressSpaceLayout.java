package io.mmulab.kernel;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.elf.TypeTable;

import java.util.Optional;

/**
 * How to get from a CPU to the VMAs of the address space it runs in: its per-CPU
 * {@code cpu_task.mm} (include/linux/sched.h), the mm's {@code mm_mt} range tree
 * (include/linux/maple_tree.h: one node of sorted [first, last] ranges with a VMA in each slot)
 * and the VMA fields. Absent in images whose kernel has no user address spaces.
 *
 * @param cpuTask  link address of CPU 0's {@code cpu_task}
 * @param taskActiveMm offset of {@code task_struct.active_mm} (the mm whose tables are loaded)
 * @param initMm   link address of {@code init_mm}, the kernel's own mm (0 when absent)
 * @param slots    ranges one maple node holds
 */
public record AddressSpaceLayout(long cpuTask, long taskMm, long taskActiveMm, long initMm, long mmRoot, long mmPgd, long mapCount, long nodeCount,
                                 long nodeFirst, long nodeLast, long nodeSlot, int slots, VmaLayout vma) {

    static Optional<AddressSpaceLayout> read(ElfImage image, TypeTable types, Optional<VmaLayout> vma) {
        Optional<ElfSymbol> task = image.symbols().byName("cpu_task");
        Optional<TypeTable.Layout> t = types.struct("task_struct");
        Optional<TypeTable.Layout> mm = types.struct("mm_struct");
        Optional<TypeTable.Layout> node = types.struct("maple_node");
        if (task.isEmpty() || t.isEmpty() || mm.isEmpty() || node.isEmpty() || vma.isEmpty()
                || vma.get().vmStart().isEmpty() || vma.get().vmEnd().isEmpty()) {
            return Optional.empty();
        }
        try {
            Fields tf = new Fields(t.get());
            Fields mf = new Fields(mm.get());
            Fields nf = new Fields(node.get());
            TypeTable.Field slot = node.get().field("slot").orElseThrow(() -> new LayoutException("maple_node.slot"));
            long initMm = image.symbols().byName("init_mm").map(ElfSymbol::address).orElse(0L);
            return Optional.of(new AddressSpaceLayout(task.get().address(), tf.offset("mm"), tf.offset("active_mm"),
                    initMm, mf.offset("mm_mt.ma_root"),
                    mf.offset("pgd"), mf.offset("map_count"), nf.offset("count"), nf.offset("first"), nf.offset("last"),
                    slot.offset(), (int) (slot.size() / 8), vma.get()));
        } catch (LayoutException e) {
            return Optional.empty();   // a kernel whose address spaces look different: no VMA view
        }
    }
}
