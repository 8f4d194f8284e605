// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/** {@code thread:register = value} from the init block; registers not named start at 0. */
public record RegisterInit(int thread, Register register, Value value, Pos pos) {
}
