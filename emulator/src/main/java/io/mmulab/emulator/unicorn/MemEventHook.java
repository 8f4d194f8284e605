package io.mmulab.emulator.unicorn;

/**
 * Called for a failed access (unmapped or protection violation), see
 * {@link Unicorn#hookMemInvalid}. Returning true resumes the access, which only works if the
 * hook made the memory accessible; false lets the access fail and ends emulation with the
 * matching {@code UC_ERR_*}.
 */
@FunctionalInterface
public interface MemEventHook {
    boolean onInvalidAccess(MemAccess type, long address, int size, long value);
}
