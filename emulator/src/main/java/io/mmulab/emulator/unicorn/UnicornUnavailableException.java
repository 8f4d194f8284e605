package io.mmulab.emulator.unicorn;

/**
 * libunicorn could not be used: not found, not loadable, or older than 2.1.4. The message
 * is one line saying what was found where and what is needed.
 */
public final class UnicornUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnicornUnavailableException(String message) {
        super(message);
    }
}
