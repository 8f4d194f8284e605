// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.util.ArrayList;
import java.util.List;

/**
 * The assembler input for one thread, and for each of its lines the litmus line it came from
 * (null for the lines the runner adds around the test's own), so assembler errors can be
 * reported against the litmus file.
 */
final class ThreadSource {
    private final StringBuilder text = new StringBuilder();
    private final List<CodeLine> origin = new ArrayList<>();

    /** A line mmulab adds (prologue, epilogue). */
    void emit(String line) {
        text.append('\t').append(line).append('\n');
        origin.add(null);
    }

    /** A line of the test, rewritten as {@code asm}. */
    void emit(String asm, CodeLine from) {
        text.append(asm).append('\n');
        origin.add(from);
    }

    String text() {
        return text.toString();
    }

    /** The litmus line behind assembler line {@code n} (1-based), or null. */
    CodeLine origin(int n) {
        return n >= 1 && n <= origin.size() ? origin.get(n - 1) : null;
    }
}
