package io.mmulab.gui.view;

import java.util.List;

/**
 * One page-table entry in the tree the Page tables window draws: a table pointer with its
 * children, or a leaf. {@code changed} marks entries whose value differs from the last stop's
 * (or that are new), so the page-table writes of the last step or run stand out.
 *
 * @param level   hardware level (x86: 4 = PML4 .. 1 = PT; ARM64: 0 .. 3)
 * @param va      first virtual address the entry covers
 * @param span    bytes of virtual address space it covers
 * @param flags   the entry's bits in words, e.g. "P RW US A D" or "AF AP=rw XN"
 */
public record PageTableNode(int level, int index, long entryAddress, long value, long va, long span, boolean leaf,
                            String flags, boolean changed, List<PageTableNode> children) {

    /** Whether this entry or any below it changed. */
    public boolean anyChanged() {
        if (changed) {
            return true;
        }
        for (PageTableNode c : children) {
            if (c.anyChanged()) {
                return true;
            }
        }
        return false;
    }
}
