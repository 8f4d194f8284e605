// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/** A place in a litmus file, 1-based, for error messages. */
public record Pos(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
