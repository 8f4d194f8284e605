// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.mmu.model.ModelKind;

import java.util.Map;

/**
 * Everything one exhaustive run of a test found.
 *
 * @param states      each final state reached, in print order, with how many runs reached it and
 *                    whether it satisfies the condition's proposition
 * @param positive    runs whose final state satisfies the condition's proposition
 * @param negative    runs whose final state does not
 * @param observed    exists/~exists: some state satisfies the proposition; forall: every state does
 * @param verdict     Allowed/Forbidden (exists, ~exists) or Required/Allowed (forall); null when the
 *                    search was incomplete, since only a complete search can say "never"
 * @param ok          herd's Ok: the condition as written holds (exists: reached; ~exists: not
 *                    reached; forall: always)
 * @param complete    every schedule and commit order was explored and every run finished
 * @param incomplete  why not, when not complete
 */
public record LitmusResult(LitmusTest test, ModelKind model, Map<FinalState, Reached> states, long positive, long negative,
                           boolean observed, Verdict verdict, boolean ok, long runs, long elapsedMs, boolean complete,
                           String incomplete) {

    /** How often a final state was reached, and whether it satisfies the proposition. */
    public record Reached(long runs, boolean satisfies) {
    }

    /** "Allowed", "Forbidden", "Required" or "incomplete". */
    public String verdictWord() {
        return verdict == null ? "incomplete" : verdict.word();
    }
}
