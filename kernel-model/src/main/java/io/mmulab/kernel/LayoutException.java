package io.mmulab.kernel;

/** The image lacks something the Java side needs to read the guest kernel's structures. */
public final class LayoutException extends Exception {
    public LayoutException(String message) {
        super(message);
    }
}
