package io.mmulab.mmu;

/** The control-register state that decides how a CPU translates addresses. */
public sealed interface TranslationRegime permits X86Regime, Arm64Regime {
    /** Whether addresses are translated at all (x86 CR0.PG, ARM64 SCTLR_EL1.M). */
    boolean translationEnabled();
}
