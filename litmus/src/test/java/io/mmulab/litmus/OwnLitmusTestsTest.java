// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.mmu.model.ModelKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * mmulab's own litmus tests (src/test/resources/litmus/{x86_64,aarch64}), each under every model
 * its expected.txt names, must reach the expected verdict: SB, MP, LB, 2+2W, R, S, WRC, IRIW,
 * CoRR/CoWW, fences, acquire/release, exclusives and LSE atomics (see {@link #check}), and,
 * where expected.txt gives it ({@code model=Verdict:N}), find all N distinct final states.
 */
class OwnLitmusTestsTest {
    /** Per test and model. */
    private static final long BUDGET_MS = Long.getLong("mmulab.litmus.budgetMs", 20_000);


    @TestFactory
    List<DynamicTest> x86_64() {
        return cases("x86_64");
    }

    @TestFactory
    List<DynamicTest> aarch64() {
        return cases("aarch64");
    }

    /**
     * A complete search must reach the expected verdict. An incomplete one (budget spent, or a run
     * that did not finish) still decides when it reached the condition: that is Allowed for sure,
     * and a failure if Forbidden was expected. Otherwise it proves nothing: the case is reported
     * as aborted with the reason, not passed.
     */
    static void check(String what, TestFiles.Expected want, LitmusResult r) {
        Verdict expected = want.verdict();
        if (r.complete()) {
            assertEquals(expected, r.verdict(), what + ", states " + r.states().keySet());
            if (want.states() >= 0) {
                // every final state must be found, not just one satisfying the condition
                assertEquals(want.states(), r.states().size(), what + ": distinct final states " + r.states().keySet());
            }
            return;
        }
        if (r.observed() && r.test().condition().quantifier() != Condition.Quantifier.FORALL) {
            assertEquals(expected, Verdict.ALLOWED, what + ": reached " + r.test().condition() + " (search incomplete: "
                    + r.incomplete() + ")");
            return;
        }
        Assumptions.abort(what + ": search incomplete, no verdict: " + r.incomplete());
    }

    private static List<DynamicTest> cases(String arch) {
        Path dir = TestFiles.ownDir(arch);
        Map<String, Map<ModelKind, TestFiles.Expected>> expected = TestFiles.expectations(dir);
        List<DynamicTest> out = new ArrayList<>();
        for (Path f : TestFiles.litmusFiles(dir)) {
            String name = f.getFileName().toString().replace(".litmus", "");
            Map<ModelKind, TestFiles.Expected> byModel = expected.get(name);
            out.add(DynamicTest.dynamicTest(name + " has expectations", () -> assertNotNull(byModel,
                    name + " is missing from " + dir.resolve("expected.txt"))));
            if (byModel == null) {
                continue;
            }
            for (Map.Entry<ModelKind, TestFiles.Expected> e : byModel.entrySet()) {
                out.add(DynamicTest.dynamicTest(name + " under " + e.getKey().displayName(), () -> {
                    LitmusTest t = LitmusParser.parse(f);
                    LitmusResult r = new LitmusRun(LitmusRun.Options.defaults().withModel(e.getKey())
                            .withBudgetMillis(BUDGET_MS), System::currentTimeMillis).run(t);
                    System.out.printf("%s %s under %s: %s, %d states, %d runs, %d ms%n", arch, name,
                            e.getKey().displayName(), r.verdictWord(), r.states().size(), r.runs(), r.elapsedMs());
                    check(name + " under " + e.getKey().displayName(), e.getValue(), r);
                }));
            }
        }
        return out;
    }
}
