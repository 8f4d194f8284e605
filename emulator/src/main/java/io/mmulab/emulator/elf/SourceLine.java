package io.mmulab.emulator.elf;

import java.util.Objects;

/**
 * A guest source position from the image's DWARF line table.
 *
 * @param file the file name as compiled: the line table's file name joined with its include
 *             directory. Relative names stay relative (relative to the compilation directory,
 *             which lives in {@code .debug_info} and is not consulted), absolute ones absolute,
 *             e.g. {@code kernel/smp.c}, {@code include/linux/atomic.h} or
 *             {@code /work/main/kernel-model/src/main/c/kernel/smp.c}. {@code ??} when the line
 *             program names a file index its file table does not have.
 * @param line the 1-based line, or 0 for code the compiler attributes to no particular line
 */
public record SourceLine(String file, int line) {

    public SourceLine {
        Objects.requireNonNull(file, "file");
    }

    /** The last path component of {@link #file()}. */
    public String baseName() {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }

    /** {@code file:line}, the form failure reports print. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
