package io.mmulab.emulator.unicorn;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A view of the native {@code uc_tlb_entry {uint64_t paddr; uc_prot perms;}} that a
 * {@link TlbFillHook} fills. One instance per engine is reused for every fill, so the hook
 * path allocates nothing; it is only valid during the hook call.
 */
public final class TlbEntry {
    static final long PADDR_OFFSET = 0;
    static final long PERMS_OFFSET = 8;

    /** Address of the native struct while a fill is in progress, else 0. */
    long address;

    TlbEntry() {}

    /**
     * Sets the translation.
     *
     * @param paddr physical address of the exact virtual address asked for: unicorn's own page
     *              is smaller than 4 KiB on arm64 (1 KiB), so never round it down to 4 KiB
     * @param perms {@code Uc.PROT_*} bits the page allows
     */
    public void set(long paddr, int perms) {
        long a = address;
        if (a == 0) {
            throw new IllegalStateException("TlbEntry used outside its TLB-fill hook");
        }
        Native.ALL.set(JAVA_LONG, a + PADDR_OFFSET, paddr);
        Native.ALL.set(JAVA_INT, a + PERMS_OFFSET, perms);
    }

    /** The physical address currently in the native entry. */
    public long paddr() {
        long a = address;
        if (a == 0) {
            throw new IllegalStateException("TlbEntry used outside its TLB-fill hook");
        }
        return Native.ALL.get(JAVA_LONG, a + PADDR_OFFSET);
    }

    /** The permission bits currently in the native entry. */
    public int perms() {
        long a = address;
        if (a == 0) {
            throw new IllegalStateException("TlbEntry used outside its TLB-fill hook");
        }
        return Native.ALL.get(JAVA_INT, a + PERMS_OFFSET);
    }
}
