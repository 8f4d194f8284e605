package io.mmulab.mmu.tlb;

import java.util.Locale;
import java.util.Optional;

/**
 * The EL1&0 stage-1 {@code tlbi} operations, without their shareability suffix (an {@code is}
 * or {@code os} suffix makes an operation broadcast, see {@link #parse}).
 *
 * <p>Xt operands (ARM ARM, 4 KiB granule): VA forms hold VA[55:12] in Xt[43:0] and the ASID in
 * Xt[63:48] (Xt[47:44] is the FEAT_TTL level hint, which we ignore: invalidating more than asked
 * is always allowed); ASIDE1 holds the ASID in Xt[63:48]; VMALLE1 ignores Xt. Range forms
 * (FEAT_TLBIRANGE) hold ASID[63:48], TG[47:46], SCALE[45:44], NUM[43:39], TTL[38:37] and
 * BaseADDR[36:0] in granule units, covering (NUM+1) * 2^(5*SCALE+1) granules.
 *
 * <p>The last-level forms (VALE1, VAALE1, RVALE1, RVAALE1) may leave cached intermediate
 * table entries alone. We cache no walk caches, only leaf entries, so they act exactly like
 * the full forms.
 *
 * <p>ASIDs are compared as given: with 8-bit ASIDs (TCR_EL1.AS clear) software must write
 * Xt[63:56] as zero, and masking a stray value is the caller's job.
 */
public enum Arm64TlbiOp {
    /** All entries of this VMID, global or not, every ASID. */
    VMALLE1(Scope.ALL, false),
    /** Entries covering VA: non-global ones of the ASID and global ones. */
    VAE1(Scope.VA, false),
    VALE1(Scope.VA, false),
    /** Entries covering VA, every ASID. */
    VAAE1(Scope.VA, true),
    VAALE1(Scope.VA, true),
    /** Non-global entries of the ASID; global entries survive. */
    ASIDE1(Scope.ASID, false),
    /** Like VAE1 for every entry overlapping the range. */
    RVAE1(Scope.RANGE, false),
    RVALE1(Scope.RANGE, false),
    /** Like VAAE1 for every entry overlapping the range. */
    RVAAE1(Scope.RANGE, true),
    RVAALE1(Scope.RANGE, true);

    /** What an operation selects by. */
    public enum Scope { ALL, VA, ASID, RANGE }

    /** A parsed mnemonic: the operation and whether it is broadcast to the inner/outer shareable domain. */
    public record Parsed(Arm64TlbiOp op, boolean broadcast) {
    }

    private final Scope scope;
    private final boolean allAsids;

    Arm64TlbiOp(Scope scope, boolean allAsids) {
        this.scope = scope;
        this.allAsids = allAsids;
    }

    public Scope scope() {
        return scope;
    }

    /** Whether entries of every ASID are selected (VMALLE1, VAAE1, RVAAE1 and their last-level forms). */
    public boolean allAsids() {
        return allAsids;
    }

    /**
     * {@code "vae1is"} -> VAE1 broadcast, {@code "vmalle1"} -> VMALLE1 local. Case-insensitive; an
     * {@code os} suffix counts as broadcast (all our vCPUs share one outer-shareable domain), a
     * FEAT_XS {@code nxs} suffix is ignored. Anything else, including EL2/EL3 forms, is empty.
     */
    public static Optional<Parsed> parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.endsWith("nxs")) {
            n = n.substring(0, n.length() - 3);
        }
        boolean broadcast = n.endsWith("is") || n.endsWith("os");
        if (broadcast) {
            n = n.substring(0, n.length() - 2);
        }
        for (Arm64TlbiOp op : values()) {
            if (op.name().toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(new Parsed(op, broadcast));
            }
        }
        return Optional.empty();
    }

    /** The mnemonic as written in assembly, e.g. {@code vae1is}. */
    public String mnemonic(boolean broadcast) {
        return name().toLowerCase(Locale.ROOT) + (broadcast ? "is" : "");
    }

    /** Xt[63:48]. */
    public static int asidOf(long xt) {
        return (int) (xt >>> 48);
    }

    /** The VA of a VA-form operand: Xt[43:0] is VA[55:12]; VA[63:56] are taken as copies of bit 55. */
    public static long vaOf(long xt) {
        return ((xt << 20) >> 8) & ~0xFFFL;
    }

    /** The operand of a VA form, as Linux's __TLBI_VADDR builds it. */
    public static long vaOperand(long va, int asid) {
        return ((va >>> 12) & ((1L << 44) - 1)) | ((long) (asid & 0xFFFF) << 48);
    }

    /** Granule of a range operand from TG; the reserved 0b00 is taken as 4 KiB. */
    static long rangeGranule(long xt) {
        return switch ((int) (xt >>> 46) & 0b11) {
            case 0b10 -> 16 << 10;
            case 0b11 -> 64 << 10;
            default -> 4 << 10;
        };
    }

    /** First VA of a range operand: BaseADDR[36:0] in granules, sign-extended from its top bit. */
    public static long rangeStart(long xt) {
        int shift = Long.numberOfTrailingZeros(rangeGranule(xt));
        long base = (xt & ((1L << 37) - 1)) << shift;
        int top = 37 + shift;
        return (base << (64 - top)) >> (64 - top);
    }

    /** Bytes covered by a range operand: (NUM+1) * 2^(5*SCALE+1) granules. */
    public static long rangeLength(long xt) {
        int num = (int) (xt >>> 39) & 0x1F;
        int scale = (int) (xt >>> 44) & 0b11;
        return (num + 1L) << (5 * scale + 1) << Long.numberOfTrailingZeros(rangeGranule(xt));
    }

    /** A 4 KiB-granule range operand, for tests and tools: {@code num}/{@code scale} as the ARM ARM defines them. */
    public static long rangeOperand(long startVa, int num, int scale, int asid) {
        if (num < 0 || num > 31 || scale < 0 || scale > 3) {
            throw new IllegalArgumentException("NUM must be 0..31 and SCALE 0..3: " + num + ", " + scale);
        }
        return ((startVa >>> 12) & ((1L << 37) - 1)) | ((long) num << 39) | ((long) scale << 44)
                | (1L << 46) | ((long) (asid & 0xFFFF) << 48);
    }
}
