// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * One test's result in the spirit of herd7's output: the verdict, the states (each with the
 * number of runs that reached it, {@code *>} marking those that satisfy the condition, as
 * litmus7 does), Ok/No, witnesses, the condition, the observation and the time.
 */
public final class HerdReport {
    private HerdReport() {
    }

    public static void print(PrintWriter out, LitmusResult r) {
        LitmusTest t = r.test();
        out.printf("Test %s %s%n", t.name(), r.verdictWord());
        out.printf("States %d%n", r.states().size());
        int width = Long.toString(r.states().values().stream().mapToLong(LitmusResult.Reached::runs).max().orElse(0)).length();
        for (Map.Entry<FinalState, LitmusResult.Reached> e : r.states().entrySet()) {
            out.printf("%" + width + "d%s%s%n", e.getValue().runs(), e.getValue().satisfies() ? " *>" : " :>", e.getKey());
        }
        out.println(r.ok() ? "Ok" : "No");
        out.println("Witnesses");
        out.printf("Positive: %d Negative: %d%n", r.positive(), r.negative());
        out.printf("Condition %s%n", t.condition());
        out.printf("Observation %s %s %d %d%n", t.name(), observation(r), r.positive(), r.negative());
        out.printf("Model %s, %d runs, %s%n", r.model().displayName(), r.runs(),
                r.complete() ? "every schedule and commit order explored" : "INCOMPLETE: " + r.incomplete());
        String caveat = r.model().limitation();
        if (!caveat.isEmpty()) {
            out.printf("Note %s%n", caveat);
        }
        out.printf(Locale.ROOT, "Time %s %.2f%n", t.name(), r.elapsedMs() / 1000.0);
        out.println();
        out.flush();
    }

    /** herd's word for how often the proposition held: Never, Sometimes or Always. */
    static String observation(LitmusResult r) {
        if (r.positive() == 0) {
            return "Never";
        }
        return r.negative() == 0 ? "Always" : "Sometimes";
    }
}
