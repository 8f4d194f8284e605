package io.mmulab.emulator.disasm;

/**
 * The acquire/release flavour of an instruction's own memory access. Instructions that make no
 * access of their own (fences, {@code tlbi}, ...) are {@link #RELAXED}; their effect is in
 * {@link FenceKind}.
 */
public enum Ordering {
    RELAXED,
    ACQUIRE,
    RELEASE,
    /** Acquire and release: fully ordered (every x86 locked instruction, ARM64 {@code *al} atomics). */
    ACQ_REL;

    static Ordering of(boolean acquire, boolean release) {
        if (acquire) {
            return release ? ACQ_REL : ACQUIRE;
        }
        return release ? RELEASE : RELAXED;
    }
}
