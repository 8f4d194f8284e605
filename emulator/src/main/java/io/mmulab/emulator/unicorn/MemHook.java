package io.mmulab.emulator.unicorn;

/**
 * Called for every successful guest data access in the hooked range, once per access with
 * its full size, before a write lands and before a read returns. In {@code UC_TLB_VIRTUAL}
 * mode {@code address} is the physical address; the PC register holds the exact address of
 * the accessing instruction (libunicorn &gt;= 2.1.4). Calling {@link Unicorn#emuStop} here
 * abandons the instruction: it re-executes, and this hook fires again, on the next start.
 */
@FunctionalInterface
public interface MemHook {
    /**
     * @param type {@link MemAccess#READ}, {@link MemAccess#WRITE}, {@link MemAccess#FETCH}
     *     or {@link MemAccess#READ_AFTER}
     * @param value the value being written (zero-extended is not guaranteed: it is the raw
     *     {@code int64_t}); meaningless for reads
     */
    void onAccess(MemAccess type, long address, int size, long value);
}
