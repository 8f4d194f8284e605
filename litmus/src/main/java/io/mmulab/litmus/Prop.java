// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.util.Set;

/** The proposition of a final condition. */
public sealed interface Prop {

    /** What a proposition is evaluated against: one final state. */
    interface Env {
        /** The final value of a term. */
        long value(Term t);

        /** The bits of a term that count: a 32-bit register view or a 4-byte location compares its low half. */
        long mask(Term t);

        /** The address of a location, for {@code 0:X1=x}. */
        long address(String location);
    }

    /** Whether it holds in {@code env}. */
    boolean eval(Env env);

    /** Adds every term it mentions. */
    void terms(Set<Term> out);

    /** {@code term = value}, compared in the term's width. */
    record Eq(Term term, Value value) implements Prop {
        @Override
        public boolean eval(Env env) {
            long want = value instanceof Value.Num n ? n.value() : env.address(((Value.Addr) value).location());
            long mask = env.mask(term);
            return (env.value(term) & mask) == (want & mask);
        }

        @Override
        public void terms(Set<Term> out) {
            out.add(term);
        }

        @Override
        public String toString() {
            String t = term instanceof Term.Reg r && r.register().bits() == 32
                    ? r.thread() + ":" + r.register().name() + "[31:0]" : term.toString();
            return t + "=" + value;
        }
    }

    record And(Prop left, Prop right) implements Prop {
        @Override
        public boolean eval(Env env) {
            return left.eval(env) && right.eval(env);
        }

        @Override
        public void terms(Set<Term> out) {
            left.terms(out);
            right.terms(out);
        }

        @Override
        public String toString() {
            return wrap(left, this) + " /\\ " + wrap(right, this);
        }
    }

    record Or(Prop left, Prop right) implements Prop {
        @Override
        public boolean eval(Env env) {
            return left.eval(env) || right.eval(env);
        }

        @Override
        public void terms(Set<Term> out) {
            left.terms(out);
            right.terms(out);
        }

        @Override
        public String toString() {
            return wrap(left, this) + " \\/ " + wrap(right, this);
        }
    }

    record Not(Prop inner) implements Prop {
        @Override
        public boolean eval(Env env) {
            return !inner.eval(env);
        }

        @Override
        public void terms(Set<Term> out) {
            inner.terms(out);
        }

        @Override
        public String toString() {
            return "~" + (inner instanceof Eq || inner instanceof Const || inner instanceof Not ? inner.toString()
                    : "(" + inner + ")");
        }
    }

    record Const(boolean value) implements Prop {
        @Override
        public boolean eval(Env env) {
            return value;
        }

        @Override
        public void terms(Set<Term> out) {
        }

        @Override
        public String toString() {
            return value ? "true" : "false";
        }
    }

    /** Parenthesises a child that binds more loosely than its parent (or differently: /\ inside \/ reads fine). */
    private static String wrap(Prop child, Prop parent) {
        boolean needs = (child instanceof Or && parent instanceof And) || (child instanceof And && parent instanceof Or);
        return needs ? "(" + child + ")" : child.toString();
    }
}
