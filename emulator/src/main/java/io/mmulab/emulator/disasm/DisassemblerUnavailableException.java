package io.mmulab.emulator.disasm;

/** No capstone engine for the requested architecture could be loaded on this machine. */
public final class DisassemblerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DisassemblerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
