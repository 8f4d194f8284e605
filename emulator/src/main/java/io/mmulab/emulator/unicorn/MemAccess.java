package io.mmulab.emulator.unicorn;

/** Kinds of memory access, in the order of unicorn's {@code uc_mem_type} (16, 17, ...). */
public enum MemAccess {
    READ, WRITE, FETCH, READ_UNMAPPED, WRITE_UNMAPPED, FETCH_UNMAPPED, WRITE_PROT, READ_PROT, FETCH_PROT, READ_AFTER;

    private static final MemAccess[] BY_UC = values();
    private static final int FIRST = 16;

    /** The {@code uc_mem_type} value. */
    public int ucValue() {
        return FIRST + ordinal();
    }

    /** The constant for a {@code uc_mem_type} value, or null if unicorn sent something unknown. */
    public static MemAccess ofUc(int type) {
        int i = type - FIRST;
        return i >= 0 && i < BY_UC.length ? BY_UC[i] : null;
    }
}
