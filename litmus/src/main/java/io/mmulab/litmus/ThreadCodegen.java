// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;

import java.util.SortedSet;

/**
 * Turns one thread of a test into the code of its area in the runner (see litmus-runner.c):
 * every register set to its initial value (0 unless the init block says otherwise), the
 * test's instructions, the observed registers into the thread's register-out table, and a
 * jump to {@code litmus_thread_done} (whose fully ordered atomic commits the thread's stores).
 * Nothing is saved or restored: the thread never returns, and stack accesses would only be
 * more scheduling points for the search.
 */
interface ThreadCodegen {
    ThreadSource generate(LitmusTest test, int thread, Layout layout, SortedSet<Integer> observedSlots);

    /**
     * The final jump is assembled as a placeholder (the object has no relocations to resolve);
     * this points it at {@code target}, for code placed at {@code codeVa}.
     */
    byte[] link(byte[] code, long codeVa, long target);

    static ThreadCodegen of(Arch arch) {
        return arch == Arch.X86_64 ? new X86Codegen() : new Arm64Codegen();
    }

    /** The initial value of a register: a number, or a location's address. */
    static long initialValue(Value v, Layout layout) {
        return v instanceof Value.Num n ? n.value() : layout.address(((Value.Addr) v).location());
    }
}
