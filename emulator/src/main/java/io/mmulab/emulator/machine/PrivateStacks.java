package io.mmulab.emulator.machine;

import io.mmulab.emulator.elf.ElfImage;

import java.util.Arrays;

/**
 * Each vCPU's own stack, whose accesses need not be scheduling points.
 *
 * <p>About half of a run's shared accesses are a function's spills and reloads on its CPU's own
 * stack. Nobody else sees them, so deciding before each one only multiplies the schedules an
 * exhaustive search must try without adding a behaviour. The guest names its stacks (see
 * MMULAB_CPU_STACKS_SYMBOL in hypercall.h): {@code [cpu_stacks, _end)} split into
 * {@link Hypercall#MAX_CPUS} equal slots. An access by CPU N to slot N is private, until
 * another CPU touches slot N in the same run (a stack object handed out by pointer, such as an
 * on-stack completion): from then on every access to slot N is a scheduling point again.
 * The other CPU's first access is itself a point, and the data it finds got there through a
 * publication (a store of the pointer) that was one, so the search still orders them.
 */
final class PrivateStacks {
    private final long base;
    private final long stride;
    private final long end;
    private final boolean[] exposed;

    private PrivateStacks(long base, long stride, int vcpus) {
        this.base = base;
        this.stride = stride;
        this.end = base + stride * Hypercall.MAX_CPUS;
        this.exposed = new boolean[vcpus];
    }

    /** The image's stacks, or none (every access a scheduling point) when it does not name them. */
    static PrivateStacks of(ElfImage image, int vcpus) {
        var symbols = image.symbols();
        var stacks = symbols.byName(Hypercall.CPU_STACKS_SYMBOL);
        var end = symbols.byName("_end");
        if (stacks.isEmpty() || end.isEmpty()) {
            return new PrivateStacks(0, 0, vcpus);
        }
        long span = end.get().address() - stacks.get().address();
        var pa = image.physicalAddressOf(stacks.get().address());
        if (span <= 0 || span % Hypercall.MAX_CPUS != 0 || pa.isEmpty()) {
            throw new IllegalArgumentException(String.format("%s: [%s, _end) = 0x%x bytes is not %d stack slots"
                    + " inside a loaded segment", image.path(), Hypercall.CPU_STACKS_SYMBOL, span, Hypercall.MAX_CPUS));
        }
        return new PrivateStacks(pa.get(), span / Hypercall.MAX_CPUS, vcpus);
    }

    /**
     * Whether {@code cpu}'s access at physical {@code pa} is to its own, unshared stack. An access
     * to another CPU's slot exposes that slot for the rest of the run.
     */
    boolean isPrivate(int cpu, long pa) {
        if (pa < base || pa >= end) {
            return false;
        }
        int slot = (int) ((pa - base) / stride);
        if (slot == cpu) {
            return !exposed[cpu];
        }
        if (slot < exposed.length) {
            exposed[slot] = true;
        }
        return false;
    }

    boolean[] snapshot() {
        return exposed.clone();
    }

    void restore(boolean[] s) {
        System.arraycopy(s, 0, exposed, 0, exposed.length);
    }

    @Override
    public String toString() {
        return stride == 0 ? "no private stacks" : String.format("stacks at pa 0x%x, 0x%x bytes each, exposed %s",
                base, stride, Arrays.toString(exposed));
    }
}
