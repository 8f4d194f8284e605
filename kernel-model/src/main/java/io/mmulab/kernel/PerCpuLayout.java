package io.mmulab.kernel;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.elf.TypeTable;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where each CPU's preempt count and RCU read-side nesting live: CPU n's copy of a per-CPU
 * variable is at {@code &var + __per_cpu_offset[n]} (include/linux/percpu.h); the preempt count
 * is {@code pcpu_hot.preempt_count}, the RCU nesting {@code rcu_reader.nesting} (tree RCU only:
 * with TINY_RCU a reader is a preempt_disable() section and has no counter of its own).
 *
 * @param perCpuOffset   the link address of {@code __per_cpu_offset[]}
 * @param preemptCount   the link address of CPU 0's {@code pcpu_hot.preempt_count}
 * @param rcuNesting     the link address of CPU 0's {@code rcu_reader.nesting}, when the kernel has one
 */
public record PerCpuLayout(long perCpuOffset, long preemptCount, OptionalLong rcuNesting) {

    static Optional<PerCpuLayout> read(ElfImage image, TypeTable types) {
        Optional<ElfSymbol> offsets = image.symbols().byName("__per_cpu_offset");
        Optional<ElfSymbol> hot = image.symbols().byName("pcpu_hot");
        Optional<Long> count = types.struct("pcpu_hot").flatMap(l -> l.field("preempt_count"))
                .map(TypeTable.Field::offset);
        if (offsets.isEmpty() || hot.isEmpty() || count.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong nesting = OptionalLong.empty();
        Optional<ElfSymbol> reader = image.symbols().byName("rcu_reader");
        Optional<Long> field = types.struct("rcu_reader").flatMap(l -> l.field("nesting")).map(TypeTable.Field::offset);
        if (reader.isPresent() && field.isPresent()) {
            nesting = OptionalLong.of(reader.get().address() + field.get());
        }
        return Optional.of(new PerCpuLayout(offsets.get().address(), hot.get().address() + count.get(), nesting));
    }
}
