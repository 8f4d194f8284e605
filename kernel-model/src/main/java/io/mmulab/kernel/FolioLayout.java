package io.mmulab.kernel;

import java.util.OptionalLong;

/**
 * The large-folio fields that live in the first tail page's struct page, as offsets from the
 * folio (= head page) start: the order in {@code _flags_1}'s low byte, the page count and pin
 * count; {@code _entire_mapcount} and {@code _large_mapcount} when the image has them.
 */
public record FolioLayout(long size, long flags1, long nrPages, long pincount, OptionalLong entireMapcount,
                          OptionalLong largeMapcount) {

    static FolioLayout read(Fields f) throws LayoutException {
        return new FolioLayout(f.size(), f.offset("_flags_1"), f.offset("_folio_nr_pages"), f.offset("_pincount"),
                f.optional("_entire_mapcount"), f.optional("_large_mapcount"));
    }
}
