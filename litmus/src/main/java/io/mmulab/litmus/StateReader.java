// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.machine.Machine;
import io.mmulab.mmu.PhysicalMemory;

import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a finished run's final state. Locations come from committed memory: every thread ends
 * with a fully ordered atomic (in the runner's litmus_thread_done), so its stores are committed
 * before it counts itself done, and the run is DONE only once every thread has. Registers come
 * from the thread's own view of memory (committed memory plus its pending stores), which holds
 * its register table whatever the state of its store buffer.
 */
final class StateReader {
    private final LitmusTest test;
    private final Layout layout;
    private final RunnerImage image;
    private final Set<Term> terms;

    StateReader(LitmusTest test, Layout layout, RunnerImage image) {
        this.test = test;
        this.layout = layout;
        this.image = image;
        this.terms = test.stateTerms();
    }

    FinalState read(Machine m) {
        TreeMap<Term, Long> values = new TreeMap<>();
        for (Term t : terms) {
            values.put(t, value(m, t));
        }
        return new FinalState(values);
    }

    private long value(Machine m, Term t) {
        return switch (t) {
            case Term.Reg r -> {
                PhysicalMemory view = m.memory().view(r.thread());
                yield view.read64(image.physical(layout.regOutVa(r.thread(), r.register().slot())));
            }
            case Term.Mem mem -> {
                int width = width(mem.location());
                long raw = m.memory().committed().readSized(image.physical(layout.address(mem.location())), width);
                yield width == 4 ? (int) raw : raw;
            }
        };
    }

    int width(String location) {
        return test.location(location).map(Location::width).orElse(LocationTypes.DEFAULT_WIDTH);
    }

    /** The environment a condition is evaluated in for {@code state}. */
    Prop.Env env(FinalState state) {
        return new Prop.Env() {
            @Override
            public long value(Term t) {
                Long v = state.values().get(t);
                if (v == null) {
                    throw new IllegalStateException("term " + t + " was not recorded");
                }
                return v;
            }

            @Override
            public long mask(Term t) {
                if (t instanceof Term.Reg r) {
                    return r.register().mask();
                }
                return width(((Term.Mem) t).location()) == 8 ? -1L : 0xffffffffL;
            }

            @Override
            public long address(String location) {
                return layout.address(location);
            }
        };
    }
}
