package io.mmulab.mmu;

/** Bits of x86-64 paging-structure entries (the same layout at every level). */
public final class X86Pte {
    public static final long P = 1L;
    public static final long RW = 1L << 1;
    public static final long US = 1L << 2;
    public static final long PWT = 1L << 3;
    public static final long PCD = 1L << 4;
    public static final long A = 1L << 5;
    public static final long D = 1L << 6;
    /** Page size in PDPTEs (1 GiB) and PDEs (2 MiB); PAT in 4 KiB PTEs; reserved in PML4Es. */
    public static final long PS = 1L << 7;
    public static final long G = 1L << 8;
    /** PAT in 2 MiB / 1 GiB leaves. */
    public static final long PAT_LARGE = 1L << 12;
    public static final long NX = 1L << 63;
    /** Address bits 51:12 (further limited by MAXPHYADDR). */
    public static final long ADDR_MASK = 0x000F_FFFF_FFFF_F000L;

    private X86Pte() {
    }

    /** Bytes mapped by one entry at {@code level} (1 = PTE .. 4 = PML4E). */
    public static long levelSpan(int level) {
        return 1L << (12 + 9 * (level - 1));
    }

    /** Intel's name for an entry at {@code level}. */
    public static String levelName(int level) {
        return switch (level) {
            case 4 -> "PML4E";
            case 3 -> "PDPTE";
            case 2 -> "PDE";
            case 1 -> "PTE";
            default -> "L" + level;
        };
    }
}
