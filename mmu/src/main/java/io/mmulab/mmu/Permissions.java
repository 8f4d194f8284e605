package io.mmulab.mmu;

/**
 * What a translation allows. {@code read}, {@code write} and {@code executable} are for the
 * privilege the walk was made at; {@code userAccessible} says whether user (x86 CPL 3 / ARM64
 * EL0) data accesses are allowed, whatever the privilege of the walk.
 */
public record Permissions(boolean read, boolean write, boolean userAccessible, boolean executable) {
    public static final Permissions NONE = new Permissions(false, false, false, false);
    public static final Permissions ALL = new Permissions(true, true, true, true);

    /** Whether {@code access} is allowed. */
    public boolean allows(AccessType access) {
        return switch (access) {
            case READ -> read;
            case WRITE -> write;
            case FETCH -> executable;
        };
    }

    /** Compact form such as {@code rw-u} or {@code r-xk}. */
    @Override
    public String toString() {
        return (read ? "r" : "-") + (write ? "w" : "-") + (executable ? "x" : "-") + (userAccessible ? "u" : "k");
    }
}
