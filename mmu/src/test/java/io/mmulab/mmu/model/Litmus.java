package io.mmulab.mmu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mmulab.mmu.MemoryViews;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Test harness: runs small per-CPU programs against a {@link MemorySystem} the way the emulator
 * would (store hook, then the value into the storing CPU's own view; loads read the own view), and
 * explores every interleaving of CPU steps and commit choices by replaying decision prefixes
 * (stateless depth-first search). After every step it checks that each view equals committed
 * memory overlaid with that CPU's own pending stores.
 */
final class Litmus {
    static final long MEM = 64 * 1024;
    static final long X = 0x1000;
    static final long Y = 0x2000;
    static final long Z = 0x3000;
    /** Bound on executions per exploration: a runaway search is a test bug, not a result. */
    static final int MAX_EXECUTIONS = 500_000;

    sealed interface Op permits St, Ld, Rmw, Fence {
    }

    /** 8-byte store. */
    record St(long addr, long value, StoreKind kind) implements Op {
    }

    /** 8-byte load into register {@code reg}. */
    record Ld(long addr, LoadKind kind, int reg) implements Op {
    }

    /** Atomic fetch-add (one step: read half, then write half); the old value goes to {@code reg}. */
    record Rmw(long addr, long add, LoadKind lk, StoreKind sk, int reg) implements Op {
    }

    record Fence(Barrier b) implements Op {
    }

    static St st(long a, long v) {
        return new St(a, v, StoreKind.PLAIN);
    }

    static St st(long a, long v, StoreKind k) {
        return new St(a, v, k);
    }

    static Ld ld(long a, int reg) {
        return new Ld(a, LoadKind.PLAIN, reg);
    }

    static Ld ld(long a, LoadKind k, int reg) {
        return new Ld(a, k, reg);
    }

    static Fence fence(Barrier b) {
        return new Fence(b);
    }

    /** Outcomes as "r0=.. r1=.. ; [x]=.. [y]=.." strings, sorted, and how many executions produced them. */
    record Result(TreeSet<String> outcomes, int executions) {
        boolean has(String outcome) {
            return outcomes.contains(outcome);
        }
    }

    /**
     * Every outcome of {@code programs} under {@code model}. Registers are global (each program
     * uses its own numbers); {@code regs} of them and memory at {@code observed} make the outcome.
     */
    static Result explore(ModelKind model, int capacity, List<List<Op>> programs, int regs, long... observed) {
        TreeSet<String> outcomes = new TreeSet<>();
        List<int[]> stack = new ArrayList<>(); // {choice, options}
        int executions = 0;
        TreeSet<Long> touched = new TreeSet<>();
        for (long a : observed) {
            touched.add(a);
        }
        for (List<Op> p : programs) {
            for (Op op : p) {
                switch (op) {
                    case St s -> touched.add(s.addr());
                    case Ld l -> touched.add(l.addr());
                    case Rmw r -> touched.add(r.addr());
                    case Fence f -> { }
                }
            }
        }
        long[] checked = touched.stream().mapToLong(Long::longValue).toArray();
        // One set of copies for the whole search (mapping fresh ones per execution is the slow
        // part); the bytes a program can touch are zeroed before each execution.
        try (MemoryViews views = MemoryViews.allocate(MEM, programs.size())) {
            while (true) {
                for (long a : touched) {
                    views.loadEverywhere(a, new byte[8]);
                }
                outcomes.add(run(views, model, capacity, programs, regs, observed, checked, stack));
                executions++;
                assertTrue(executions <= MAX_EXECUTIONS, "exploration does not end");
                while (!stack.isEmpty() && stack.getLast()[0] + 1 >= stack.getLast()[1]) {
                    stack.removeLast();
                }
                if (stack.isEmpty()) {
                    return new Result(outcomes, executions);
                }
                stack.getLast()[0]++;
            }
        }
    }

    private static String run(MemoryViews views, ModelKind model, int capacity, List<List<Op>> programs, int nregs,
                              long[] observed, long[] checked, List<int[]> stack) {
        int n = programs.size();
        MemorySystem ms = new MemorySystem(views, model, capacity);
        int[] pc = new int[n];
        long[] regs = new long[nregs];
        int depth = 0;
        List<Integer> stepCpus = new ArrayList<>();
        while (true) {
            stepCpus.clear();
            for (int c = 0; c < n; c++) {
                if (pc[c] < programs.get(c).size() && !blocked(ms, c, programs.get(c).get(pc[c]))) {
                    stepCpus.add(c);
                }
            }
            List<CommitChoice> commits = ms.commitChoices();
            int options = stepCpus.size() + commits.size();
            if (options == 0) {
                boolean done = true;
                for (int c = 0; c < n; c++) {
                    done &= pc[c] == programs.get(c).size();
                }
                if (!done || ms.anyPending()) {
                    fail("deadlock: nothing can move; pcs " + Arrays.toString(pc) + ", " + ms + ", pending "
                            + pendingOfAll(ms, n));
                }
                break;
            }
            assertEquals(options, ms.commitChoiceCount() + stepCpus.size());
            int choice;
            if (depth < stack.size()) {
                int[] d = stack.get(depth);
                assertEquals(d[1], options, "replay diverged: the model is not deterministic");
                choice = d[0];
            } else {
                stack.add(new int[] {0, options});
                choice = 0;
            }
            depth++;
            if (choice < stepCpus.size()) {
                int c = stepCpus.get(choice);
                step(ms, views, c, programs.get(c).get(pc[c]), regs);
                pc[c]++;
            } else {
                ms.commit(commits.get(choice - stepCpus.size()));
            }
            checkViews(ms, views, checked);
        }
        for (int c = 0; c < n; c++) {
            for (long a : checked) {
                assertEquals(views.committed().read64(a), views.view(c).read64(a), "view of a drained cpu");
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < nregs; r++) {
            sb.append('r').append(r).append('=').append(regs[r]).append(' ');
        }
        sb.append(';');
        for (long a : observed) {
            sb.append(String.format(" [%x]=%d", a, views.committed().read64(a)));
        }
        return sb.toString();
    }

    /**
     * Whether {@code c}'s next op is an atomic read of held bytes. Such a CPU is not a step
     * choice; its load is tried anyway, as the emulator would, and must be refused without side
     * effects.
     */
    private static boolean blocked(MemorySystem ms, int c, Op op) {
        long addr;
        LoadKind k;
        switch (op) {
            case Ld l when l.kind().isAtomic() -> {
                addr = l.addr();
                k = l.kind();
            }
            case Rmw r -> {
                addr = r.addr();
                k = r.lk();
            }
            default -> {
                return false;
            }
        }
        if (ms.blockingHolder(c, addr, 8) < 0) {
            return false;
        }
        String before = pendingOfAll(ms, ms.views().cpus());
        assertEquals(LoadVerdict.BLOCKED_BY_HOLD, ms.load(c, addr, 8, k), "atomic read of held bytes");
        assertEquals(before, pendingOfAll(ms, ms.views().cpus()), "a refused load changed the buffers");
        return true;
    }

    private static void step(MemorySystem ms, MemoryViews views, int c, Op op, long[] regs) {
        switch (op) {
            case St s -> {
                ms.store(c, s.addr(), 8, s.value(), s.kind());
                views.view(c).write64(s.addr(), s.value());
            }
            case Ld l -> {
                assertEquals(LoadVerdict.PROCEED, ms.load(c, l.addr(), 8, l.kind()));
                regs[l.reg()] = views.view(c).read64(l.addr());
            }
            case Rmw r -> {
                assertEquals(LoadVerdict.PROCEED, ms.load(c, r.addr(), 8, r.lk()));
                long old = views.view(c).read64(r.addr());
                ms.store(c, r.addr(), 8, old + r.add(), r.sk());
                views.view(c).write64(r.addr(), old + r.add());
                regs[r.reg()] = old;
            }
            case Fence f -> ms.barrier(c, f.b());
        }
    }

    /** Each view equals committed memory overlaid, in program order, with its cpu's pending stores. */
    static void checkViews(MemorySystem ms, MemoryViews views, long... addrs) {
        for (int c = 0; c < views.cpus(); c++) {
            List<PendingStore> pend = ms.pending(c);
            for (long base : addrs) {
                for (long a = base; a < base + 8; a++) {
                    byte expect = views.committed().read8(a);
                    for (PendingStore p : pend) {
                        if (a >= p.pa() && a < p.pa() + p.size()) {
                            expect = (byte) (p.value() >>> (8 * (a - p.pa())));
                        }
                    }
                    byte actual = views.view(c).read8(a);
                    if (actual != expect) {
                        fail(String.format("cpu %d view byte 0x%x is 0x%x, expected 0x%x (pending %s)",
                                c, a, actual, expect, pend));
                    }
                }
            }
        }
    }

    private static String pendingOfAll(MemorySystem ms, int n) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < n; c++) {
            sb.append(ms.pending(c));
        }
        return sb.toString();
    }

    private Litmus() {
    }
}
