// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.mmu.model.ModelKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architects' own verdicts: herdtools7's catalogue for X86_64 and AArch64 with its
 * kinds.txt, read from {@code ../shared/litmus/herd} next to the project (or
 * {@code -Dmmulab.litmus.catalogue=DIR}); skipped where it is absent (a fresh clone has none).
 * X86_64 under tso must agree on every test. AArch64 under arm must never reach an outcome
 * the architecture forbids; Allowed outcomes it does not reach are listed with the behaviour
 * the model lacks (DESIGN.md: no load-load reordering, no load buffering).
 */
class CatalogueConformanceTest {
    /** The target: no test needs more than 10 s. */
    private static final long BUDGET_MS = Long.getLong("mmulab.litmus.budgetMs", 10_000);

    private static Path catalogue(String arch) {
        String dir = System.getProperty("mmulab.litmus.catalogue");
        Path base = dir != null ? Paths.get(dir) : TestFiles.root().resolve("../shared/litmus/herd").normalize();
        Path p = base.resolve(arch);
        Assumptions.assumeTrue(Files.isRegularFile(p.resolve("kinds.txt")), "no litmus catalogue at " + p);
        return p;
    }

    private static Agreement run(Path dir, ModelKind model) throws LitmusException {
        Kinds kinds = Kinds.read(dir.resolve("kinds.txt"));
        LitmusRun run = new LitmusRun(LitmusRun.Options.defaults().withModel(model).withBudgetMillis(BUDGET_MS),
                System::currentTimeMillis);
        Agreement a = new Agreement();
        long start = System.currentTimeMillis();
        LitmusResult slowest = null;
        for (Path f : TestFiles.litmusFiles(dir)) {
            String base = f.getFileName().toString().replace(".litmus", "");
            LitmusTest t;
            try {
                t = LitmusParser.parse(f);
            } catch (LitmusException e) {
                a.addNotRun(base, kinds.expected(base, f), e.getMessage());
                continue;
            }
            LitmusResult r = run.run(t);
            System.out.printf(Locale.ROOT, "  %-32s %-10s %7d runs %6.2f s%s%n", t.name(), r.verdictWord(), r.runs(),
                    r.elapsedMs() / 1000.0, r.complete() ? "" : "  (" + r.incomplete() + ")");
            a.add(t.name(), kinds.expected(t), r);
            if (slowest == null || r.elapsedMs() > slowest.elapsedMs()) {
                slowest = r;
            }
        }
        PrintWriter out = new PrintWriter(System.out, true);
        a.print(out, dir.resolve("kinds.txt") + " under " + model.displayName());
        out.printf(Locale.ROOT, "Time %s: %d tests in %.1f s, slowest %s %.2f s%n", dir.getFileName(), a.rows().size(),
                (System.currentTimeMillis() - start) / 1000.0, slowest == null ? "-" : slowest.test().name(),
                slowest == null ? 0.0 : slowest.elapsedMs() / 1000.0);
        return a;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void x86_64AgreesUnderTso() throws Exception {
        Agreement a = run(catalogue("x86_64"), ModelKind.TSO);
        List<String> disagree = a.rows().stream().filter(r -> r.expected() != null && !r.agrees())
                .filter(r -> r.result() == null || r.result().complete() || r.soundnessFailure())
                .map(r -> r.name() + ": expected " + r.expected() + ", observed " + r.observedWord()).toList();
        assertEquals(List.of(), disagree);
        abortIfIncomplete(a);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void aarch64NeverReachesAForbiddenOutcomeUnderArm() throws Exception {
        Agreement a = run(catalogue("aarch64"), ModelKind.ARM);
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("Allowed by ARMv8 but not reached under arm, and why:");
        for (Agreement.Row r : a.rows()) {
            if (r.missedAllowed()) {
                out.printf("  %-32s %s%n", r.name(), MissingBehaviour.explain(r.result().test()));
            }
        }
        out.println("Not run:");
        a.rows().stream().filter(r -> r.result() == null).forEach(r -> out.printf("  %-32s %s%n", r.name(), r.problem()));
        List<String> unsound = a.soundnessFailures().stream().map(r -> r.name() + ": expected " + r.expected()
                + ", observed " + r.observedWord() + " " + r.result().states().keySet()).toList();
        assertEquals(List.of(), unsound);
        assertTrue(a.rows().stream().filter(r -> r.result() != null).count() >= 1, "no test ran");
        abortIfIncomplete(a);
    }

    /** A search that did not finish within the budget proves nothing either way: say so, do not pass. */
    private static void abortIfIncomplete(Agreement a) {
        List<String> incomplete = a.rows().stream().filter(r -> r.result() != null && !r.result().complete())
                .map(r -> r.name() + " (" + r.result().incomplete() + ")").toList();
        Assumptions.assumeTrue(incomplete.isEmpty(), incomplete.size() + " test(s) without a verdict: " + incomplete);
    }
}
