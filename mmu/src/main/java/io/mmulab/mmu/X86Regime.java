package io.mmulab.mmu;

/**
 * The x86-64 control registers that govern translation. Only 4-level paging is modelled;
 * PAE/LME are assumed whenever CR0.PG is set (the walker rejects CR4.LA57).
 */
public record X86Regime(long cr0, long cr3, long cr4, long efer) implements TranslationRegime {
    public static final long CR0_WP = 1L << 16;
    public static final long CR0_PG = 1L << 31;
    public static final long CR4_PAE = 1L << 5;
    public static final long CR4_PGE = 1L << 7;
    public static final long CR4_LA57 = 1L << 12;
    public static final long CR4_PCIDE = 1L << 17;
    public static final long CR4_SMEP = 1L << 20;
    public static final long EFER_LME = 1L << 8;
    public static final long EFER_NXE = 1L << 11;
    /** CR3 bits 51:12: the PML4 table's physical address. */
    public static final long CR3_ROOT_MASK = 0x000F_FFFF_FFFF_F000L;

    public boolean pagingEnabled() {
        return (cr0 & CR0_PG) != 0;
    }

    @Override
    public boolean translationEnabled() {
        return pagingEnabled();
    }

    /** Physical address of the PML4 table (CR3[51:12]). */
    public long rootTable() {
        return cr3 & CR3_ROOT_MASK;
    }

    /** CR3[11:0] when CR4.PCIDE is set, else 0 (those bits are then PWT/PCD flags). */
    public int pcid() {
        return pcidEnabled() ? (int) (cr3 & 0xFFF) : 0;
    }

    public boolean pcidEnabled() {
        return (cr4 & CR4_PCIDE) != 0;
    }

    /** CR0.WP: supervisor writes honour read-only pages. */
    public boolean writeProtect() {
        return (cr0 & CR0_WP) != 0;
    }

    /** EFER.NXE: bit 63 of entries means execute-disable (else it is reserved). */
    public boolean nxEnabled() {
        return (efer & EFER_NXE) != 0;
    }

    /** CR4.PGE: the G bit of leaf entries is honoured. */
    public boolean globalPagesEnabled() {
        return (cr4 & CR4_PGE) != 0;
    }

    /** CR4.SMEP: supervisor instruction fetches from user pages fault. */
    public boolean smep() {
        return (cr4 & CR4_SMEP) != 0;
    }

    /** CR4.LA57: 5-level paging, which mmulab does not model. */
    public boolean fiveLevel() {
        return (cr4 & CR4_LA57) != 0;
    }

    /** The usual long-mode setting: paging, PAE, LME, NXE, WP and PGE on, given CR3. */
    public static X86Regime longMode(long cr3) {
        return new X86Regime(CR0_PG | CR0_WP | 1, cr3, CR4_PAE | CR4_PGE, EFER_LME | EFER_NXE | (1L << 10));
    }

    @Override
    public String toString() {
        return String.format("X86Regime[cr0=0x%x, cr3=0x%x, cr4=0x%x, efer=0x%x]", cr0, cr3, cr4, efer);
    }
}
