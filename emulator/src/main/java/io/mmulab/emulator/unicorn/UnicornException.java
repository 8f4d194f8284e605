package io.mmulab.emulator.unicorn;

/**
 * A libunicorn call returned an error code. The message names the call and its arguments
 * and carries unicorn's own description of the code, so a log line is enough to diagnose it.
 */
public class UnicornException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public UnicornException(int code, String call) {
        super(call + " failed: " + Native.strerror(code));
        this.code = code;
    }

    /** The {@code uc_err} value, one of the {@code Uc.ERR_*} constants. */
    public int code() {
        return code;
    }

    /** The C name of {@link #code()}, e.g. {@code UC_ERR_READ_UNMAPPED}. */
    public String errorName() {
        return Uc.errorName(code);
    }
}
