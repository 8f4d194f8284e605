// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/** One instruction (or label) of a thread, as written, with where it was written. */
public record CodeLine(String text, Pos pos) {
}
