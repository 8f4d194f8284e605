// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/**
 * A general-purpose register as a litmus test names it.
 *
 * @param name  the canonical 64-bit name, as states print it ({@code rax}, {@code X3})
 * @param slot  its slot in the runner's register tables
 * @param bits  64, or 32 for a 32-bit view ({@code eax}, {@code W3}) that compares the low half
 */
public record Register(String name, int slot, int bits) {
    public long mask() {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
