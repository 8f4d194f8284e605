package io.mmulab.kernel;

/**
 * Where struct page keeps what the debugger shows, in bytes from its start (from DWARF).
 * {@code _mapcount} and {@code page_type} share a word, as in Linux.
 */
public record PageLayout(long size, long flags, long lru, long mapping, long index, long private_, long compoundHead,
                         long mapcount, long refcount) {

    static PageLayout read(Fields f) throws LayoutException {
        return new PageLayout(f.size(), f.offset("flags"), f.offset("lru"), f.offset("mapping"), f.offset("index"),
                f.offset("private"), f.offset("compound_head"), f.offset("_mapcount"), f.offset("_refcount"));
    }
}
