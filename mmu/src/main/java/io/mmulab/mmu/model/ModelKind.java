package io.mmulab.mmu.model;

import java.util.Locale;

/** Which memory model the store buffers implement (DESIGN.md section 3). */
public enum ModelKind {
    /** No buffering: every store commits at once. */
    SC,
    /** x86-TSO: one FIFO store buffer per CPU; locked instructions and {@code mfence} drain it. */
    TSO,
    /**
     * ARMv8, first version: stores to different locations commit out of order, barriers, release,
     * acquire and atomics constrain that. Loads are never reordered with each other and load
     * buffering is not produced, so some outcomes ARMv8 allows are missed (never the reverse).
     */
    ARM;

    /** {@code "sc"}, {@code "tso"} or {@code "arm"}, in any case. */
    public static ModelKind parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "sc":
                    return SC;
                case "tso":
                    return TSO;
                case "arm":
                    return ARM;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown memory model '" + s + "' (expected sc, tso or arm)");
    }

    /** The name users type: {@code sc}, {@code tso}, {@code arm}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this model buffers stores at all (everything but {@link #SC}). */
    public boolean buffers() {
        return this != SC;
    }

    /** The caveat every verdict under this model must carry, or empty if there is none. */
    public String limitation() {
        return this == ARM
                ? "arm model: no load-load reordering and no load buffering, so outcomes that need them are not explored"
                : "";
    }
}
