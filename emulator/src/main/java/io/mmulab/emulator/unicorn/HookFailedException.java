package io.mmulab.emulator.unicorn;

/**
 * A hook body threw. The throwable could not propagate through native code (that would
 * kill the JVM), so the binding recorded it, stopped the engine and rethrows it wrapped
 * in this exception from {@link Unicorn#emuStart} once {@code uc_emu_start} has returned.
 * The engine stays usable and closable.
 */
public final class HookFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HookFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
