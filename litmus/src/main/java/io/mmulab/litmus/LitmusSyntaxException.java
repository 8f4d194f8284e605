// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.file.Path;

/** Malformed input: the message says what was expected at the position. */
public final class LitmusSyntaxException extends LitmusException {
    private static final long serialVersionUID = 1L;

    public LitmusSyntaxException(Path file, Pos pos, String problem) {
        super(file, pos, problem);
    }
}
