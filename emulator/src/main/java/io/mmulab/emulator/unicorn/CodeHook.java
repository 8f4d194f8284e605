package io.mmulab.emulator.unicorn;

/**
 * Called before an instruction ({@link Unicorn#hookCode}) or a basic block
 * ({@link Unicorn#hookBlock}) executes. Writing the PC register here redirects execution:
 * the hooked instruction is skipped.
 */
@FunctionalInterface
public interface CodeHook {
    /**
     * @param address guest (virtual) address of the instruction or block
     * @param size instruction or block length in bytes (0 when unicorn does not know it)
     */
    void onCode(long address, int size);
}
