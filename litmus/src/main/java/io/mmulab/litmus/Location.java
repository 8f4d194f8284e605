// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/**
 * A shared memory location: its name, its width (4 bytes unless the init block types it as a
 * 64-bit type) and its initial value.
 */
public record Location(String name, int width, long initial) {
}
