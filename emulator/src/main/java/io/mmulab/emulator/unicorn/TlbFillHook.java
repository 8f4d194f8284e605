package io.mmulab.emulator.unicorn;

/**
 * In {@code UC_TLB_VIRTUAL} mode unicorn asks this hook to translate a virtual page it has
 * no TLB entry for. The hook fills {@code result} and returns true, or returns false to
 * signal a translation fault. Unicorn caches the answer until {@link Unicorn#flushTlb}.
 */
@FunctionalInterface
public interface TlbFillHook {
    /**
     * @param vaddr the virtual address being accessed
     * @param access {@link MemAccess#READ}, {@link MemAccess#WRITE} or {@link MemAccess#FETCH}
     * @param result valid only during this call
     */
    boolean onTlbFill(long vaddr, MemAccess access, TlbEntry result);
}
