package io.mmulab.images;

/** The user named an image that is not built; the message says what is. */
public final class UnknownImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownImageException(String message) {
        super(message);
    }
}
