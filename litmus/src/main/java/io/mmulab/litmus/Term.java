// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/** Something whose final value a test observes: a thread's register or a memory location. */
public sealed interface Term extends Comparable<Term> {

    record Reg(int thread, Register register) implements Term {
        @Override
        public String toString() {
            return thread + ":" + register.name();
        }
    }

    record Mem(String location) implements Term {
        @Override
        public String toString() {
            return location;
        }
    }

    /** Registers first (by thread, then slot), then locations by name: the order states print in. */
    @Override
    default int compareTo(Term o) {
        if (this instanceof Reg a && o instanceof Reg b) {
            int c = Integer.compare(a.thread(), b.thread());
            return c != 0 ? c : Integer.compare(a.register().slot(), b.register().slot());
        }
        if (this instanceof Mem a && o instanceof Mem b) {
            return a.location().compareTo(b.location());
        }
        return this instanceof Reg ? -1 : 1;
    }
}
