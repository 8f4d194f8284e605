package io.mmulab.mmu;

/**
 * Why a translation failed. The walkers report the architectural cause; turning it into a
 * guest exception (x86 #PF error code, ARM64 ESR fault status) is the emulator's job.
 */
public enum FaultKind {
    NONE,
    /** An entry on the way was not present (x86 P=0) or not a valid descriptor (ARM64). */
    TRANSLATION,
    /** The translation exists but does not allow this access at this privilege. */
    PERMISSION,
    /** ARM64 only: the leaf's access flag is clear and hardware AF management is off. */
    ACCESS_FLAG,
    /**
     * The address is outside what can be translated: a non-canonical x86 address (a #GP there),
     * an ARM64 address outside both the TTBR0 and TTBR1 ranges (ARM reports that as a level-0
     * translation fault), a translation-off address beyond memory, or a table or output address
     * beyond physical memory / ARM64 TCR.IPS.
     */
    ADDRESS_SIZE,
    /** x86 only: a present entry has a reserved bit set (#PF with the RSVD error-code bit). */
    RESERVED
}
