package io.mmulab.gui.view;

import io.mmulab.kernel.AddressSpaceView;
import io.mmulab.kernel.FolioView;
import io.mmulab.kernel.KernelMemory;
import io.mmulab.kernel.StructPageView;

import java.util.List;
import java.util.OptionalInt;

/**
 * What the guest kernel's own structures say, decoded with the layouts kernel-model reads from
 * the image: the selected frame's struct page, every frame's refcount (when the memory map's
 * overlay is on), the watched refcounts with their history, each vCPU's preempt count and
 * RCU read-side nesting, and the selected vCPU's VMAs.
 *
 * @param problem   why nothing can be decoded (the image lacks the layouts), or null
 * @param page      the selected frame's struct page and folio, or null (none selected, or unmapped)
 * @param refcounts each frame's _refcount ({@link #UNKNOWN} where unreadable); empty when the overlay is off
 * @param addressSpace the selected vCPU's user address space and its VMAs, or null (a kernel thread)
 * @param mms       every mm in use (init_mm first) with its page-table root, for the page-table window
 */
public record KernelView(String problem, PageDetail page, int[] refcounts, List<Watch> watches,
                         List<CpuCounters> cpus, AddressSpaceView addressSpace, List<KernelMemory.MmRoot> mms) {

    public static final int UNKNOWN = Integer.MIN_VALUE;

    public static final KernelView NONE = new KernelView(null, null, new int[0], List.of(), List.of(), null, List.of());

    /** A struct page with the folio it belongs to (read from its head page). */
    public record PageDetail(StructPageView page, FolioView folio) {
    }

    /**
     * A watched refcount: its value now and at every decision since it was watched.
     *
     * @param firstDecision the decision {@code history[0]} was read at
     * @param stopOnChange  a watchpoint: running stops when the value changes
     */
    public record Watch(long pfn, boolean stopOnChange, int value, int firstDecision, float[] history) {
    }

    /**
     * preempt_count() and rcu_read_lock() nesting of one vCPU; empty when the kernel keeps none.
     *
     * @param preemptText the count split into its preempt / softirq / hardirq fields
     */
    public record CpuCounters(int cpu, OptionalInt preemptCount, String preemptText, OptionalInt rcuNesting) {
    }

    public CpuCounters cpu(int id) {
        for (CpuCounters c : cpus) {
            if (c.cpu == id) {
                return c;
            }
        }
        return new CpuCounters(id, OptionalInt.empty(), "-", OptionalInt.empty());
    }
}
