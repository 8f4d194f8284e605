package io.mmulab.emulator.elf;

/** A guest image that cannot be loaded; the message is one line naming the file and the problem. */
public final class ImageFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(String message) {
        super(message);
    }
}
