package io.mmulab.gui.app;

import io.mmulab.mmu.PageOwner;

/** Colours the windows share, as ImGui's packed ABGR. */
public final class Palette {
    private Palette() {
    }

    /** ImGui packs colours as 0xAABBGGRR. */
    public static int rgb(int rgb) {
        int r = rgb >>> 16 & 0xff;
        int g = rgb >>> 8 & 0xff;
        int b = rgb & 0xff;
        return 0xff000000 | b << 16 | g << 8 | r;
    }

    public static final int CHANGED = rgb(0xffc040);
    public static final int STALE = rgb(0xff5050);
    /** The entries of the walk the page-table window was asked for. */
    public static final int WALK = rgb(0x60d0ff);
    public static final int CURRENT = rgb(0x60ff60);
    public static final int DIM = rgb(0x909090);
    public static final int SELECTED = rgb(0xffffff);
    /** The struct page window's decoded page line: kernel data read through the image's layouts. */
    public static final int STRUCT_PAGE = rgb(0x70d8ff);

    /** The refcount overlay of the memory map: free, one reference, a few, many, and negative (a bug). */
    public static int refcount(int refcount) {
        if (refcount < 0) {
            return rgb(0xff30ff);
        }
        return rgb(switch (refcount) {
            case 0 -> 0x2a2a2a;
            case 1 -> 0x2e7d32;
            case 2 -> 0x9ccc65;
            case 3, 4, 5, 6, 7 -> 0xffca28;
            default -> 0xff7043;
        });
    }

    public static final int REFCOUNT_UNKNOWN = rgb(0x101010);

    /** One colour per page owner, so the memory map reads at a glance. */
    public static int owner(PageOwner o) {
        return rgb(switch (o) {
            case FREE -> 0x2a2a2a;
            case KERNEL -> 0x3d6fd1;
            case PAGE_TABLE -> 0xe08a2c;
            case PAGE_CACHE -> 0x3fbf5f;
            case ANON -> 0xa05ad8;
            case HUGETLB -> 0xd84a4a;
            case VMEMMAP -> 0xe0d040;
            case SLAB -> 0x40c8d0;
        });
    }
}
