package io.mmulab.mmu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Copy-before-write undo log for one physical memory: after {@link #checkpoint()}, the first
 * write to each 4 KiB page saves the page's old contents; {@link #rollback()} puts them back.
 * So returning to a checkpoint costs in proportion to the pages dirtied since, never to the
 * size of memory.
 */
final class DirtyPages {
    static final int PAGE = 4096;

    private final MemorySegment seg;
    private final long[] saved;
    private final List<Long> pages = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    private boolean tracking;

    DirtyPages(MemorySegment seg) {
        this.seg = seg;
        this.saved = new long[(int) ((seg.byteSize() / PAGE + 63) / 64)];
    }

    void checkpoint() {
        discard();
        tracking = true;
    }

    /** Must be called before bytes {@code [pa, pa + len)} change. */
    void beforeWrite(long pa, long len) {
        if (!tracking || len <= 0) {
            return;
        }
        long last = Math.min(pa + len - 1, seg.byteSize() - 1) / PAGE;
        for (long page = pa / PAGE; page <= last; page++) {
            int word = (int) (page >>> 6);
            long bit = 1L << (page & 63);
            if ((saved[word] & bit) == 0) {
                saved[word] |= bit;
                pages.add(page);
                contents.add(seg.asSlice(page * PAGE, PAGE).toArray(ValueLayout.JAVA_BYTE));
            }
        }
    }

    void rollback() {
        for (int i = 0; i < pages.size(); i++) {
            MemorySegment.copy(MemorySegment.ofArray(contents.get(i)), 0, seg, pages.get(i) * PAGE, PAGE);
        }
        discard();
    }

    int dirtyPages() {
        return pages.size();
    }

    private void discard() {
        for (long page : pages) {
            saved[(int) (page >>> 6)] &= ~(1L << (page & 63));
        }
        pages.clear();
        contents.clear();
    }
}
