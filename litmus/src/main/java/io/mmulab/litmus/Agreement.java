// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.mmu.model.ModelKind;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verdicts against a kinds file: per test the expected verdict, the observed one and whether
 * they agree, then totals. A test the kinds file calls Forbidden (or Required) whose
 * condition the emulator reached (or violated) is a soundness failure: the model produced an
 * outcome the architecture does not allow. Under the arm model, an Allowed outcome not reached
 * comes with the behaviour the model lacks that it needs ({@link MissingBehaviour}).
 */
public final class Agreement {

    /** One row. {@code result} is null for a test that could not be run ({@code problem} says why). */
    public record Row(String name, Verdict expected, LitmusResult result, String problem) {
        public boolean agrees() {
            return expected != null && result != null && result.verdict() == expected;
        }

        /** The model reached an outcome the architecture forbids (even if the search was incomplete). */
        public boolean soundnessFailure() {
            if (expected == null || result == null) {
                return false;
            }
            return switch (expected) {
                case FORBIDDEN -> result.observed() && result.test().condition().quantifier() != Condition.Quantifier.FORALL;
                case REQUIRED -> result.test().condition().quantifier() == Condition.Quantifier.FORALL && result.negative() > 0;
                case ALLOWED -> false;
            };
        }

        /** Allowed by the architecture, not reached here (a complete search: the model misses it). */
        public boolean missedAllowed() {
            return expected == Verdict.ALLOWED && result != null && result.complete() && !agrees();
        }

        public String observedWord() {
            return result == null ? "not run" : result.verdictWord();
        }
    }

    private final List<Row> rows = new ArrayList<>();

    public void add(String name, Optional<Verdict> expected, LitmusResult result) {
        rows.add(new Row(name, expected.orElse(null), result, null));
    }

    public void addNotRun(String name, Optional<Verdict> expected, String problem) {
        rows.add(new Row(name, expected.orElse(null), null, problem));
    }

    public List<Row> rows() {
        return rows;
    }

    public long agreeing() {
        return rows.stream().filter(Row::agrees).count();
    }

    public long withKinds() {
        return rows.stream().filter(r -> r.expected() != null).count();
    }

    public List<Row> soundnessFailures() {
        return rows.stream().filter(Row::soundnessFailure).toList();
    }

    public void print(PrintWriter out, String kindsFile) {
        int w = Math.max(4, rows.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        out.printf("Agreement with %s%n", kindsFile);
        out.printf("%-" + w + "s  %-9s  %-10s  %s%n", "test", "expected", "observed", "agree");
        for (Row r : rows) {
            String agree = r.expected() == null ? "-" : r.agrees() ? "yes"
                    : r.soundnessFailure() ? "NO (unsound)" : "no";
            String why = r.problem() != null ? r.problem()
                    : r.missedAllowed() && r.result().model() == ModelKind.ARM ? MissingBehaviour.explain(r.result().test())
                    : r.result() != null && !r.result().complete() ? r.result().incomplete() : null;
            out.printf("%-" + w + "s  %-9s  %-10s  %s%s%n", r.name(), r.expected() == null ? "-" : r.expected().word(),
                    r.observedWord(), agree, why == null ? "" : "  (" + why + ")");
        }
        long notRun = rows.stream().filter(r -> r.result() == null).count();
        long incomplete = rows.stream().filter(r -> r.result() != null && !r.result().complete()).count();
        long noKinds = rows.stream().filter(r -> r.expected() == null).count();
        long missed = rows.stream().filter(Row::missedAllowed).count();
        long noVerdict = rows.stream().filter(r -> r.expected() != null && (r.result() == null || !r.result().complete())
                && !r.agrees()).count();
        out.printf("Totals: %d tests, %d with a kinds entry: %d agree, %d disagree, %d without a verdict"
                + " (incomplete search or not run)%n", rows.size(), withKinds(), agreeing(),
                withKinds() - agreeing() - noVerdict, noVerdict);
        out.printf("  Forbidden (or Required) violated: %d%s%n", soundnessFailures().size(),
                soundnessFailures().isEmpty() ? " (no outcome the architecture forbids was reached)" : ": UNSOUND");
        out.printf("  Allowed but not reached: %d; incomplete: %d; not run: %d; without a kinds entry: %d%n", missed,
                incomplete, notRun, noKinds);
        out.flush();
    }
}
