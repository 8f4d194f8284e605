// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.file.Path;

/**
 * A litmus test that cannot be run, with where and why: {@code file:line:column: message}.
 * Subclasses say whether the input is malformed or uses something mmulab does not support.
 */
public class LitmusException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient Pos pos;
    private final String problem;

    public LitmusException(Path file, Pos pos, String problem) {
        super((file == null ? "<input>" : file.toString()) + (pos == null ? "" : ":" + pos) + ": " + problem);
        this.file = file;
        this.pos = pos;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** Where in the file, or null when the problem is not tied to one place. */
    public Pos pos() {
        return pos;
    }

    /** The message without the file and position. */
    public String problem() {
        return problem;
    }
}
