// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/** The final condition: a quantifier over the reachable final states and a proposition. */
public record Condition(Quantifier quantifier, Prop prop) {

    public enum Quantifier {
        /** Some final state satisfies the proposition. */
        EXISTS("exists"),
        /** No final state satisfies it (the test is about the state it names). */
        NOT_EXISTS("~exists"),
        /** Every final state satisfies it. */
        FORALL("forall");

        private final String keyword;

        Quantifier(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    @Override
    public String toString() {
        return quantifier.keyword() + " (" + prop + ")";
    }
}
