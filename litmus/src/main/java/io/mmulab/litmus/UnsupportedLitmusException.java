// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.file.Path;

/**
 * Well-formed input that uses a feature mmulab does not run (another architecture, an access
 * width other than 4 or 8 bytes, too many threads, ...). Never skipped silently: the message
 * starts with "unsupported:" and names the feature.
 */
public final class UnsupportedLitmusException extends LitmusException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLitmusException(Path file, Pos pos, String feature) {
        super(file, pos, "unsupported: " + feature);
    }
}
