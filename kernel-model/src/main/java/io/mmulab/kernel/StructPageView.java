package io.mmulab.kernel;

import java.util.List;
import java.util.Optional;

/**
 * One struct page, decoded: what Linux's dump_page() would print. {@code mapcount} is Linux's
 * page_mapcount() ({@code _mapcount + 1}) and meaningless for a typed page, whose
 * {@code _mapcount} word holds its type instead.
 *
 * @param pfn        the frame this struct page describes
 * @param headPfn    the head page's pfn for a tail page, else {@code pfn}
 * @param pageType   "buddy", "slab", ... when the page_type word holds a type
 */
public record StructPageView(long pfn, long flags, List<String> flagNames, int refcount, int rawMapcount,
                             Optional<String> pageType, long compoundHead, boolean tail, long headPfn, long mapping,
                             long index, long private_) {

    /** Decodes the struct page of {@code pfn} from {@code layout.page().size()} bytes at {@code bytes[off]}. */
    public static StructPageView decode(KernelLayout layout, long pfn, byte[] bytes, int off) {
        PageLayout p = layout.page();
        long flags = KernelLayout.le(bytes, off + (int) p.flags(), 8);
        int mapcount = (int) KernelLayout.le(bytes, off + (int) p.mapcount(), 4);
        int refcount = (int) KernelLayout.le(bytes, off + (int) p.refcount(), 4);
        long head = KernelLayout.le(bytes, off + (int) p.compoundHead(), 8);
        // Linux: a tail page's compound_head is the head's address + 1 (bit 0 tags it).
        boolean tail = (head & 1) != 0;
        long headPfn = tail ? layout.pfnOfStructPage(head - 1) : pfn;
        Optional<String> type = Optional.empty();
        int top = mapcount >>> 24;
        if (!tail && mapcount < -1) {   // -1 is "not mapped"; typed pages have a type byte on top
            type = Optional.ofNullable(layout.pageTypes().get(top));
        }
        return new StructPageView(pfn, flags, List.copyOf(layout.flagNames(flags)), refcount, mapcount, type, head,
                tail, headPfn, KernelLayout.le(bytes, off + (int) p.mapping(), 8),
                KernelLayout.le(bytes, off + (int) p.index(), 8), KernelLayout.le(bytes, off + (int) p.private_(), 8));
    }

    /** page_mapcount(): how many user page tables map it (0 for a typed page). */
    public int mapcount() {
        return pageType.isPresent() ? 0 : rawMapcount + 1;
    }

    public boolean has(String flag) {
        return flagNames.contains(flag);
    }

    /** One line, as dump_page() puts it. */
    public String summary() {
        StringBuilder b = new StringBuilder(String.format("pfn 0x%x refcount:%d mapcount:%d", pfn, refcount, mapcount()));
        pageType.ifPresent(t -> b.append(" type:").append(t));
        if (tail) {
            b.append(String.format(" head:pfn 0x%x", headPfn));
        }
        b.append(" flags:").append(flagNames.isEmpty() ? "none" : String.join("|", flagNames));
        return b.toString();
    }
}
