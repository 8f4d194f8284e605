// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/** A value in the init block or the condition: a number, or the address of a location. */
public sealed interface Value {
    record Num(long value) implements Value {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Addr(String location) implements Value {
        @Override
        public String toString() {
            return location;
        }
    }
}
