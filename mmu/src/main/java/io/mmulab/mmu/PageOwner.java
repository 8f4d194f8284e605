package io.mmulab.mmu;

/** Who owns a physical page, as the guest kernel reports it (codes are the ordinals, 0..7). */
public enum PageOwner {
    FREE, KERNEL, PAGE_TABLE, PAGE_CACHE, ANON, HUGETLB, VMEMMAP, SLAB;

    private static final PageOwner[] BY_CODE = values();

    /** The owner with {@code code}; unknown codes are a guest/host protocol error. */
    public static PageOwner of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown page owner code " + code + " (0.." + (BY_CODE.length - 1) + ")");
        }
        return BY_CODE[code];
    }

    public int code() {
        return ordinal();
    }
}
