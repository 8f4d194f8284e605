package io.mmulab.gui.session;

/**
 * A watchpoint on physical memory: a run stops at the first decision at which the committed
 * (visible to every vCPU) value of the {@code size} bytes at {@code pa} differs from the one
 * at the decision before. Stores become visible when they commit, and commits happen at
 * decisions or inside the step that stores, so no change is missed.
 */
public record MemoryWatch(long pa, int size) {
    public MemoryWatch {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("a watchpoint covers 1, 2, 4 or 8 bytes, not " + size);
        }
    }

    /** "pa 0xADDR" (8 bytes) or "pa 0xADDR/SIZE"; null when the text is not one. */
    public static MemoryWatch parse(String text) {
        String t = text.strip();
        if (!t.startsWith("pa ")) {
            return null;
        }
        String rest = t.substring(3).strip();
        int size = 8;
        int slash = rest.indexOf('/');
        try {
            if (slash >= 0) {
                size = Integer.parseInt(rest.substring(slash + 1).strip());
                rest = rest.substring(0, slash).strip();
            }
            if (!rest.startsWith("0x")) {
                return null;
            }
            return new MemoryWatch(Long.parseUnsignedLong(rest.substring(2), 16), size);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String describe() {
        return String.format("pa 0x%x/%d", pa, size);
    }
}
