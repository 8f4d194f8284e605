// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.file.Path;

/** The assembler rejected an instruction of a thread: names the thread and the litmus line. */
public final class AssemblyException extends LitmusException {
    private static final long serialVersionUID = 1L;

    public AssemblyException(Path file, Pos pos, String problem) {
        super(file, pos, problem);
    }
}
