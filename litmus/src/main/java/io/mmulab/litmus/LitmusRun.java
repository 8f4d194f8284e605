// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.DfsExplorer;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.mmu.model.ModelKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Runs litmus tests on the emulator: each thread assembled, the runner image patched with the
 * test, booted to its checkpoint with one vCPU per thread, then every schedule and every
 * store-buffer commit order explored (dfs with partial-order reduction, no bounds), and the
 * final states counted. Runner images and assemblers are found once and reused.
 */
public final class LitmusRun {

    /**
     * @param model        memory model, or null for the arch's own (tso on X86_64, arm on AArch64)
     * @param maxRuns      stop (incomplete) after this many runs
     * @param budgetMillis stop (incomplete) after this long, 0 for no limit
     * @param maxSteps     scheduling steps one run may take before it counts as not finishing
     * @param memMib       guest memory
     */
    public record Options(ModelKind model, long maxRuns, long budgetMillis, long maxSteps, int memMib) {
        public static Options defaults() {
            return new Options(null, 1_000_000, 0, 2_000_000, 16);
        }

        public Options withModel(ModelKind m) {
            return new Options(m, maxRuns, budgetMillis, maxSteps, memMib);
        }

        public Options withBudgetMillis(long ms) {
            return new Options(model, maxRuns, ms, maxSteps, memMib);
        }

        public Options withMaxRuns(long n) {
            return new Options(model, n, budgetMillis, maxSteps, memMib);
        }
    }

    private final Options options;
    private final LongSupplier clock;
    private final Map<Arch, RunnerImage> images = new EnumMap<>(Arch.class);
    private final Map<Arch, Assembler> assemblers = new EnumMap<>(Arch.class);

    public LitmusRun(Options options, LongSupplier clockMillis) {
        this.options = options;
        this.clock = clockMillis;
    }

    /** The model a test runs under with these options. */
    public ModelKind modelFor(LitmusTest test) {
        return options.model() != null ? options.model() : MachineConfig.defaultModel(test.arch());
    }

    public LitmusResult run(LitmusTest test) throws LitmusException {
        long start = clock.getAsLong();
        RunnerImage runner = image(test.arch());
        Layout layout = runner.layout(test);
        List<byte[]> code = assembler(test.arch()).assemble(test, layout, observedSlots(test));
        ElfImage image = patched(test, runner, layout, code);
        ModelKind model = modelFor(test);
        MachineConfig config = new MachineConfig(test.arch(), test.threads().size(), options.memMib() * MachineConfig.MIB,
                1, MachineConfig.DEFAULT_SWITCH_PROBABILITY, options.maxSteps(), model);
        try (MachineRunner machine = new MachineRunner(image, config, text -> { })) {
            if (!machine.checkpointed()) {
                Outcome o = machine.bootOutcome();
                throw new LitmusException(test.file(), null, "the runner image did not reach its checkpoint: "
                        + (o == null ? "?" : o.kind() + ": " + o.message()));
            }
            StateCountingRunner counting = new StateCountingRunner(machine, new StateReader(test, layout, runner));
            long deadline = options.budgetMillis() > 0 ? start + options.budgetMillis() : Long.MAX_VALUE;
            int maxRuns = (int) Math.min(Integer.MAX_VALUE, options.maxRuns());
            boolean[] outOfTime = {false};
            DfsExplorer.Result res = new DfsExplorer(counting, DfsExplorer.UNBOUNDED, 0).explore(maxRuns, r -> {
                outOfTime[0] = clock.getAsLong() >= deadline;
                return outOfTime[0];
            });
            return result(test, model, layout, runner, counting, res, outOfTime[0], clock.getAsLong() - start);
        }
    }

    private LitmusResult result(LitmusTest test, ModelKind model, Layout layout, RunnerImage runner,
                                StateCountingRunner counting, DfsExplorer.Result res, boolean outOfTime, long elapsed) {
        StateReader reader = new StateReader(test, layout, runner);
        Prop prop = test.condition().prop();
        long positive = 0;
        long negative = 0;
        boolean any = false;
        boolean all = true;
        Map<FinalState, LitmusResult.Reached> states = new TreeMap<>();
        for (Map.Entry<FinalState, Long> e : counting.states().entrySet()) {
            boolean holds = prop.eval(reader.env(e.getKey()));
            states.put(e.getKey(), new LitmusResult.Reached(e.getValue(), holds));
            any |= holds;
            all &= holds;
            if (holds) {
                positive += e.getValue();
            } else {
                negative += e.getValue();
            }
        }
        String incomplete = null;
        if (!counting.unfinished().isEmpty()) {
            long n = counting.unfinished().values().stream().mapToLong(Long::longValue).sum();
            incomplete = n + " run" + (n == 1 ? "" : "s") + " did not finish (" + counting.unfinished() + "; first: "
                    + counting.firstProblem() + ")";
        } else if (!res.complete()) {
            incomplete = outOfTime ? "the time budget of " + options.budgetMillis() + " ms ran out after " + res.runs() + " runs"
                    : "stopped after " + res.runs() + " runs before every schedule was explored";
        } else if (counting.states().isEmpty()) {
            incomplete = "no run finished";
        }
        boolean complete = incomplete == null;
        Condition.Quantifier q = test.condition().quantifier();
        boolean observed = q == Condition.Quantifier.FORALL ? all && any : any;
        Verdict verdict = !complete ? null : q == Condition.Quantifier.FORALL
                ? (observed ? Verdict.REQUIRED : Verdict.ALLOWED)
                : (observed ? Verdict.ALLOWED : Verdict.FORBIDDEN);
        boolean ok = switch (q) {
            case EXISTS -> any;
            case NOT_EXISTS -> !any;
            case FORALL -> all && any;
        };
        return new LitmusResult(test, model, java.util.Collections.unmodifiableMap(states), positive, negative, observed, verdict, ok,
                counting.runs(), elapsed, complete, incomplete);
    }

    /** Per thread, the register slots the final state needs. */
    private static List<SortedSet<Integer>> observedSlots(LitmusTest test) {
        List<SortedSet<Integer>> out = new ArrayList<>();
        for (int i = 0; i < test.threads().size(); i++) {
            out.add(new TreeSet<>());
        }
        for (Term t : test.stateTerms()) {
            if (t instanceof Term.Reg r) {
                out.get(r.thread()).add(r.register().slot());
            }
        }
        return out;
    }

    private static ElfImage patched(LitmusTest test, RunnerImage runner, Layout layout, List<byte[]> code)
            throws LitmusException {
        Path file = null;
        try {
            file = Files.createTempFile("mmulab-litmus-", "-" + test.arch().displayName() + ".elf");
            return runner.patch(test, layout, code, file);
        } catch (IOException e) {
            throw new LitmusException(test.file(), null, "cannot create a temporary image: " + e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is not worth failing the test for
                }
            }
        }
    }

    private RunnerImage image(Arch arch) throws LitmusException {
        RunnerImage r = images.get(arch);
        if (r == null) {
            r = RunnerImage.locate(arch);
            images.put(arch, r);
        }
        return r;
    }

    private Assembler assembler(Arch arch) throws LitmusException {
        Assembler a = assemblers.get(arch);
        if (a == null) {
            a = Assembler.find(arch);
            assemblers.put(arch, a);
        }
        return a;
    }
}
