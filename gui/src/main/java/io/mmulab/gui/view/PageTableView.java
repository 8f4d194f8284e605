package io.mmulab.gui.view;

import io.mmulab.mmu.LeafMapping;

import java.util.List;

/**
 * The page tables the Page tables window shows: those of the selected vCPU's current regime
 * or of a chosen mm, as a tree and as leaf mappings, and the walk of one virtual address the
 * user asked about.
 *
 * @param cpu    the vCPU whose regime (control bits, and roots unless an mm was chosen) is used
 * @param regime which tables these are, in words, with the registers
 * @param walk   the walk the user asked for, or null
 */
public record PageTableView(int cpu, String regime, List<PageTableNode> tree, List<LeafMapping> leaves, Walk walk) {

    public static final PageTableView NONE = new PageTableView(0, "", List.of(), List.of(), null);

    /**
     * One address translated through these tables, as the hardware walker would (committed
     * memory, no TLB): the entries read, top level first, and the outcome.
     *
     * @param result "-> pa 0x... (perms)" or why the walk failed
     */
    public record Walk(long va, List<Step> steps, String result) {
        public boolean reads(long entryAddress) {
            return steps.stream().anyMatch(s -> s.entryAddress() == entryAddress);
        }
    }

    public record Step(int level, long entryAddress, long value) {
    }
}
