package io.mmulab.gui.session;

import io.mmulab.kernel.KernelMemory;
import io.mmulab.mmu.Arm64Regime;
import io.mmulab.mmu.TranslationRegime;
import io.mmulab.mmu.X86Regime;

/**
 * The translation regime that shows one mm's page tables: a vCPU's current regime (for its
 * control bits) with the mm's root put where the hardware would take it from. On x86 that is
 * CR3 (the kernel half is shared by every pgd); on arm64 a user mm is TTBR0 next to the
 * kernel's TTBR1, and init_mm (swapper_pg_dir) is TTBR1 alone, with TTBR0 walks disabled.
 */
final class PageTableRoots {
    private PageTableRoots() {
    }

    static TranslationRegime regimeFor(TranslationRegime current, KernelMemory.MmRoot mm) {
        return switch (current) {
            case X86Regime x -> new X86Regime(x.cr0(), mm.pgd(), x.cr4(), x.efer());
            case Arm64Regime a -> mm.kernel()
                    ? new Arm64Regime(a.sctlr(), a.tcr() | Arm64Regime.TCR_EPD0, 0, mm.pgd())
                    : new Arm64Regime(a.sctlr(), a.tcr() & ~Arm64Regime.TCR_EPD0, mm.pgd(), a.ttbr1());
            default -> current;
        };
    }
}
