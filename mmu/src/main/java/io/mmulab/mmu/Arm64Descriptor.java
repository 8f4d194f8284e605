package io.mmulab.mmu;

/** Bits of ARM64 VMSAv8-64 stage-1 descriptors, 4 KiB granule, 48-bit output addresses. */
public final class Arm64Descriptor {
    public static final long VALID = 1L;
    /** With VALID: a table descriptor at levels 0-2, a page descriptor at level 3. */
    public static final long TABLE_OR_PAGE = 1L << 1;
    public static final long TYPE_MASK = 0b11;
    public static final long TYPE_BLOCK = 0b01;
    public static final long TYPE_TABLE = 0b11;
    public static final long TYPE_PAGE = 0b11;

    public static final int ATTR_INDX_SHIFT = 2;
    /** AP[1]: data access from EL0 allowed. */
    public static final long AP_EL0 = 1L << 6;
    /** AP[2]: read-only (at every EL). */
    public static final long AP_RO = 1L << 7;
    public static final int SH_SHIFT = 8;
    /** Access flag. */
    public static final long AF = 1L << 10;
    /** Not global: the entry belongs to the current ASID. */
    public static final long NG = 1L << 11;
    /** Dirty bit modifier (hardware dirty management; not modelled by the walker). */
    public static final long DBM = 1L << 51;
    public static final long CONTIGUOUS = 1L << 52;
    public static final long PXN = 1L << 53;
    public static final long UXN = 1L << 54;

    /** Table descriptors: hierarchical controls applying to everything below. */
    public static final long PXN_TABLE = 1L << 59;
    public static final long UXN_TABLE = 1L << 60;
    /** APTable[0]: no EL0 data access below. */
    public static final long AP_TABLE_NO_EL0 = 1L << 61;
    /** APTable[1]: no writes below. */
    public static final long AP_TABLE_RO = 1L << 62;
    public static final long NS_TABLE = 1L << 63;

    /** Output address bits 47:12. */
    public static final long ADDR_MASK = 0x0000_FFFF_FFFF_F000L;

    private Arm64Descriptor() {
    }

    /** Bytes mapped by one entry at {@code level} (0 = 512 GiB .. 3 = 4 KiB). */
    public static long levelSpan(int level) {
        return 1L << (12 + 9 * (3 - level));
    }
}
