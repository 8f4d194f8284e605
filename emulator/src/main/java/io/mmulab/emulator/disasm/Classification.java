package io.mmulab.emulator.disasm;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one instruction means to the emulator.
 *
 * @param kinds     what it is; empty for ordinary instructions
 * @param ordering  acquire/release flavour of its own access ({@link Ordering#RELAXED} if none)
 * @param fence     its barrier effect; {@link FenceKind#FULL} also for x86 locked instructions,
 *                  which drain the store buffer like {@code mfence}
 * @param broadcast the effect must reach every CPU: {@code tlbi *is/*os}, {@code invlpgb}, and
 *                  {@code dmb}/{@code dsb} whose domain is not the local CPU (not {@code nsh}),
 *                  which is what lets a {@code dsb ish} complete another CPU's view of a broadcast
 *                  {@code tlbi}
 * @param detail    short canonical text, e.g. {@code "tlbi vae1is"}, {@code "mov cr3"},
 *                  {@code "msr daifset,#2"}, {@code "ldaddal"}; empty for {@link #NONE}
 */
public record Classification(EnumSet<InsnKind> kinds, Ordering ordering, FenceKind fence, boolean broadcast,
                             String detail) {

    /** An ordinary instruction. */
    public static final Classification NONE =
            new Classification(EnumSet.noneOf(InsnKind.class), Ordering.RELAXED, FenceKind.NONE, false, "");

    public Classification {
        kinds = EnumSet.copyOf(Objects.requireNonNull(kinds, "kinds"));
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(detail, "detail");
    }

    static Classification of(InsnKind kind, String detail) {
        return new Classification(EnumSet.of(kind), Ordering.RELAXED, FenceKind.NONE, false, detail);
    }

    static Classification of(Set<InsnKind> kinds, Ordering ordering, FenceKind fence, boolean broadcast, String detail) {
        return new Classification(EnumSet.copyOf(kinds), ordering, fence, broadcast, detail);
    }

    /** A copy: the record stays immutable. */
    @Override
    public EnumSet<InsnKind> kinds() {
        return kinds.clone();
    }

    public boolean is(InsnKind k) {
        return kinds.contains(k);
    }

    /** True for ordinary instructions (no kind at all). */
    public boolean isNone() {
        return kinds.isEmpty();
    }

    /**
     * True for {@code hlt} and {@code wfi}, which stop the CPU until an interrupt. The other
     * {@link InsnKind#HALT_WAIT} instructions ({@code pause}, {@code yield}, {@code wfe},
     * {@code mwait}, timed waits) may return without one, so treating them as a yield is correct.
     */
    public boolean halts() {
        return is(InsnKind.HALT_WAIT) && (detail.equals("hlt") || detail.equals("wfi"));
    }

    /**
     * True for ARM64 RCpc acquires ({@code ldapr*}, {@code ldapur*}): unlike {@code ldar} they need
     * not wait for this CPU's earlier {@code stlr} to become visible.
     */
    public boolean rcpc() {
        return is(InsnKind.LOAD_ACQUIRE) && detail.startsWith("ldap");
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "NONE";
        }
        return detail + " " + kinds + " " + ordering + (fence == FenceKind.NONE ? "" : " fence=" + fence)
                + (broadcast ? " broadcast" : "");
    }
}
