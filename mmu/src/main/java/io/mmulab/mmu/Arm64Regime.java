package io.mmulab.mmu;

/**
 * The ARM64 EL1&0 registers that govern stage-1 translation: SCTLR_EL1, TCR_EL1, TTBR0_EL1,
 * TTBR1_EL1. Only the 4 KiB granule is modelled.
 */
public record Arm64Regime(long sctlr, long tcr, long ttbr0, long ttbr1) implements TranslationRegime {
    public static final long SCTLR_M = 1L;
    public static final long SCTLR_WXN = 1L << 19;

    public static final int TCR_T0SZ_SHIFT = 0;
    public static final long TCR_EPD0 = 1L << 7;
    public static final int TCR_TG0_SHIFT = 14;
    public static final int TCR_T1SZ_SHIFT = 16;
    public static final long TCR_A1 = 1L << 22;
    public static final long TCR_EPD1 = 1L << 23;
    public static final int TCR_TG1_SHIFT = 30;
    public static final int TCR_IPS_SHIFT = 32;
    public static final long TCR_AS = 1L << 36;
    public static final long TCR_TBI0 = 1L << 37;
    public static final long TCR_TBI1 = 1L << 38;
    public static final long TCR_HA = 1L << 39;
    public static final long TCR_HD = 1L << 40;
    public static final long TCR_HPD0 = 1L << 41;
    public static final long TCR_HPD1 = 1L << 42;
    /** TG0 encoding of the 4 KiB granule. */
    public static final int TG0_4K = 0b00;
    /** TG1 encoding of the 4 KiB granule (0b00 is reserved; treated as 4 KiB too). */
    public static final int TG1_4K = 0b10;
    /** IPS encoding of 48-bit physical addresses. */
    public static final int IPS_48 = 0b101;

    public boolean mmuEnabled() {
        return (sctlr & SCTLR_M) != 0;
    }

    @Override
    public boolean translationEnabled() {
        return mmuEnabled();
    }

    /** TCR.T0SZ as written (6 bits); the walker clamps it to the supported 16..39. */
    public int t0sz() {
        return (int) (tcr >>> TCR_T0SZ_SHIFT) & 0x3F;
    }

    public int t1sz() {
        return (int) (tcr >>> TCR_T1SZ_SHIFT) & 0x3F;
    }

    public int tg0() {
        return (int) (tcr >>> TCR_TG0_SHIFT) & 0b11;
    }

    public int tg1() {
        return (int) (tcr >>> TCR_TG1_SHIFT) & 0b11;
    }

    /** EPD0: walks through TTBR0 are disabled (a TLB miss there is a translation fault). */
    public boolean epd0() {
        return (tcr & TCR_EPD0) != 0;
    }

    public boolean epd1() {
        return (tcr & TCR_EPD1) != 0;
    }

    /** TCR.HA: hardware sets the access flag instead of faulting. */
    public boolean hardwareAccessFlag() {
        return (tcr & TCR_HA) != 0;
    }

    /** TCR.HPDn: the table-level APTable/XNTable/PXNTable controls are ignored for that half. */
    public boolean hierarchicalPermissionsDisabled(boolean upperHalf) {
        return (tcr & (upperHalf ? TCR_HPD1 : TCR_HPD0)) != 0;
    }

    /** TCR.TBIn: the top byte of addresses in that half is ignored. */
    public boolean topByteIgnored(boolean upperHalf) {
        return (tcr & (upperHalf ? TCR_TBI1 : TCR_TBI0)) != 0;
    }

    /** SCTLR.WXN: writable memory is never executable. */
    public boolean writeImpliesExecuteNever() {
        return (sctlr & SCTLR_WXN) != 0;
    }

    /** Physical address size from TCR.IPS, in bits (32..48; 52-bit encodings are capped at 48). */
    public int physicalAddressBits() {
        return switch ((int) (tcr >>> TCR_IPS_SHIFT) & 0b111) {
            case 0b000 -> 32;
            case 0b001 -> 36;
            case 0b010 -> 40;
            case 0b011 -> 42;
            case 0b100 -> 44;
            default -> 48;
        };
    }

    /**
     * The current ASID: TTBR0[63:48], or TTBR1's when TCR.A1 is set; only the low 8 bits unless
     * TCR.AS selects 16-bit ASIDs.
     */
    public int asid() {
        long ttbr = (tcr & TCR_A1) != 0 ? ttbr1 : ttbr0;
        int asid = (int) (ttbr >>> 48);
        return (tcr & TCR_AS) != 0 ? asid : asid & 0xFF;
    }

    /** A TCR value for the 4 KiB granule in both halves with the given sizes, IPS=48 bits. */
    public static long tcr4k(int t0sz, int t1sz) {
        return ((long) t0sz << TCR_T0SZ_SHIFT) | ((long) TG0_4K << TCR_TG0_SHIFT)
                | ((long) t1sz << TCR_T1SZ_SHIFT) | ((long) TG1_4K << TCR_TG1_SHIFT)
                | ((long) IPS_48 << TCR_IPS_SHIFT);
    }

    @Override
    public String toString() {
        return String.format("Arm64Regime[sctlr=0x%x, tcr=0x%x, ttbr0=0x%x, ttbr1=0x%x]", sctlr, tcr, ttbr0, ttbr1);
    }
}
