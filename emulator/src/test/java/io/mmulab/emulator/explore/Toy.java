package io.mmulab.emulator.explore;

import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.emulator.sched.Scheduler;
import io.mmulab.emulator.sched.SplitMix64;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A fake {@link Runner}: a tiny interpreter of concurrent programs. Threads are lists of ops;
 * a STEP runs a thread's next shared op (read, write, fence) and then its local ops (checks)
 * up to its next shared op, like a vCPU running to its next scheduling point. With
 * {@code tso}, writes go to a per-thread FIFO store buffer and become visible through COMMIT
 * options (oldest first; reads forward from the own buffer; a fence waits for an empty buffer).
 * The options offered carry exact footprints (8-byte accesses; a fence is unknown).
 * A failed check, or a failed final condition, ends the run with {@link Outcome.Kind#BUG};
 * otherwise the outcome is DONE with the final memory and registers as its message.
 */
final class Toy implements Runner {
    sealed interface Op permits Read, Write, WriteInc, Fence, Check {
    }

    /** reg = [addr] */
    record Read(long addr, int reg) implements Op {
    }

    /** [addr] = value */
    record Write(long addr, long value) implements Op {
    }

    /** [addr] = reg + k */
    record WriteInc(long addr, int reg, long k) implements Op {
    }

    /** Waits for the own store buffer to drain (TSO); a barrier: unknown footprint. */
    record Fence() implements Op {
    }

    /** Local: BUG unless reg == expected. */
    record Check(int reg, long expected) implements Op {
    }

    /** A condition on the final memory: [addr] == expected. */
    record Final(long addr, long expected) {
    }

    static final int REGS = 4;
    static final int BUDGET = 10_000;

    final List<List<Op>> threads;
    final boolean tso;
    final List<Final> finals;
    int runs;

    Toy(boolean tso, List<Final> finals, List<List<Op>> threads) {
        this.threads = threads;
        this.tso = tso;
        this.finals = finals;
    }

    // ------------------------------------------------------------------ programs

    static final long X = 0x1000;
    static final long Y = 0x2000;

    /** Two threads: r = x; x = r + 1. Fails (x == 1) when both read before either writes. */
    static Toy lostUpdate() {
        List<Op> t = List.of(new Read(X, 0), new WriteInc(X, 0, 1));
        return new Toy(false, List.of(new Final(X, 2)), List.of(t, t));
    }

    /** Lost update with private work around it, so random runs carry many irrelevant deviations. */
    static Toy noisyLostUpdate(boolean tso) {
        List<List<Op>> ts = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            long own = 0x10000 + 0x1000L * t;
            ts.add(List.of(new Write(own, 1), new Write(own + 8, 2), new Read(own, 1), new Write(own + 16, 3),
                    new Read(X, 0), new Write(own + 24, 4), new WriteInc(X, 0, 1), new Write(own + 32, 5),
                    new Write(own + 40, 6), new Read(own + 8, 2)));
        }
        return new Toy(tso, List.of(new Final(X, 2)), ts);
    }

    /** Store buffering: x = 1; r0 = y || y = 1; r1 = x. Under TSO r0 == r1 == 0 is possible. */
    static Toy storeBuffering(boolean tso) {
        return new Toy(tso, List.of(), List.of(
                List.of(new Write(X, 1), new Read(Y, 0)),
                List.of(new Write(Y, 1), new Read(X, 0))));
    }

    /** Threads on disjoint addresses. */
    static Toy independent(int threads, int ops) {
        List<List<Op>> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Op> l = new ArrayList<>();
            for (int i = 0; i < ops; i++) {
                l.add(i % 2 == 0 ? new Write(0x1000L * (t + 1), i) : new Read(0x1000L * (t + 1) + 8, 0));
            }
            ts.add(l);
        }
        return new Toy(false, List.of(), ts);
    }

    /** A random small program over two addresses (deterministic per seed). */
    static Toy random(long seed, int threads, int ops, boolean tso) {
        SplitMix64 r = new SplitMix64(seed);
        long[] addrs = {X, Y, X + 8};
        List<List<Op>> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Op> l = new ArrayList<>();
            for (int i = 0; i < ops; i++) {
                long a = addrs[r.nextInt(addrs.length)];
                l.add(switch (r.nextInt(tso ? 5 : 4)) {
                    case 0, 1 -> new Read(a, r.nextInt(2));
                    case 2 -> new Write(a, 1 + r.nextInt(3));
                    case 3 -> new WriteInc(a, r.nextInt(2), 1);
                    default -> new Fence();
                });
            }
            ts.add(l);
        }
        return new Toy(tso, List.of(), ts);
    }

    // ------------------------------------------------------------------ state

    static final class State {
        final int[] pc;
        final long[][] regs;
        final TreeMap<Long, Long> mem;
        final List<ArrayDeque<long[]>> buffers; // {addr, value, seq}
        final long[] nextSeq;
        int current = -1;
        Outcome end;

        State(int n) {
            pc = new int[n];
            regs = new long[n][REGS];
            mem = new TreeMap<>();
            buffers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                buffers.add(new ArrayDeque<>());
            }
            nextSeq = new long[n];
        }

        State(State o) {
            pc = o.pc.clone();
            regs = new long[o.regs.length][];
            for (int i = 0; i < regs.length; i++) {
                regs[i] = o.regs[i].clone();
            }
            mem = new TreeMap<>(o.mem);
            buffers = new ArrayList<>();
            for (ArrayDeque<long[]> b : o.buffers) {
                ArrayDeque<long[]> c = new ArrayDeque<>();
                for (long[] e : b) {
                    c.add(e.clone());
                }
                buffers.add(c);
            }
            nextSeq = o.nextSeq.clone();
            current = o.current;
            end = o.end;
        }
    }

    State initial() {
        State s = new State(threads.size());
        for (int t = 0; t < threads.size() && s.end == null; t++) {
            runLocals(s, t);
        }
        return s;
    }

    /** The options in s, in the machine's order: steps by thread, then commits. */
    void options(State s, ChoiceSet c) {
        c.reset(s.current);
        for (int t = 0; t < threads.size(); t++) {
            List<Op> ops = threads.get(t);
            if (s.pc[t] >= ops.size()) {
                continue;
            }
            switch (ops.get(s.pc[t])) {
                case Read r -> c.addStep(t, r.addr(), 8, false);
                case Write w -> c.addStep(t, w.addr(), 8, true);
                case WriteInc w -> c.addStep(t, w.addr(), 8, true);
                case Fence f -> {
                    if (s.buffers.get(t).isEmpty()) {
                        c.addStep(t);
                    }
                }
                case Check k -> throw new AssertionError("locals run eagerly");
            }
        }
        if (tso) {
            for (int t = 0; t < threads.size(); t++) {
                long[] head = s.buffers.get(t).peekFirst();
                if (head != null) {
                    c.addCommit(t, head[2], head[0], 8);
                }
            }
        }
    }

    void apply(State s, ChoiceSet c, int i) {
        int t = c.cpu(i);
        if (c.kind(i) == ChoiceSet.Kind.COMMIT) {
            long[] e = s.buffers.get(t).pollFirst();
            if (e == null || e[2] != c.arg(i)) {
                throw new AssertionError("bad commit");
            }
            s.mem.put(e[0], e[1]);
            return;
        }
        s.current = t;
        Op op = threads.get(t).get(s.pc[t]++);
        switch (op) {
            case Read r -> s.regs[t][r.reg()] = read(s, t, r.addr());
            case Write w -> write(s, t, w.addr(), w.value());
            case WriteInc w -> write(s, t, w.addr(), s.regs[t][w.reg()] + w.k());
            case Fence f -> {
            }
            case Check k -> throw new AssertionError();
        }
        runLocals(s, t);
    }

    private long read(State s, int t, long addr) {
        var it = s.buffers.get(t).descendingIterator();
        while (it.hasNext()) {
            long[] e = it.next();
            if (e[0] == addr) {
                return e[1];
            }
        }
        return s.mem.getOrDefault(addr, 0L);
    }

    private void write(State s, int t, long addr, long value) {
        if (tso) {
            s.buffers.get(t).addLast(new long[] {addr, value, s.nextSeq[t]++});
        } else {
            s.mem.put(addr, value);
        }
    }

    private void runLocals(State s, int t) {
        List<Op> ops = threads.get(t);
        while (s.pc[t] < ops.size() && ops.get(s.pc[t]) instanceof Check k) {
            s.pc[t]++;
            if (s.regs[t][k.reg()] != k.expected()) {
                s.end = new Outcome(Outcome.Kind.BUG, 0, "thread " + t + ": r" + k.reg() + " = " + s.regs[t][k.reg()]
                        + ", expected " + k.expected(), t, s.pc[t] - 1);
                return;
            }
        }
    }

    Outcome finish(State s) {
        for (Final f : finals) {
            long v = s.mem.getOrDefault(f.addr(), 0L);
            if (v != f.expected()) {
                return new Outcome(Outcome.Kind.BUG, 0, "[0x" + Long.toHexString(f.addr()) + "] = " + v + ", expected "
                        + f.expected(), -1, 0);
            }
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Long, Long> e : s.mem.entrySet()) {
            b.append("[0x").append(Long.toHexString(e.getKey())).append("]=").append(e.getValue()).append(' ');
        }
        for (int t = 0; t < threads.size(); t++) {
            b.append("t").append(t).append(Arrays.toString(s.regs[t])).append(' ');
        }
        return new Outcome(Outcome.Kind.DONE, 0, b.toString().trim(), -1, 0);
    }

    @Override
    public RunResult run(Scheduler scheduler) {
        runs++;
        State s = initial();
        ChoiceSet c = new ChoiceSet();
        List<Decision> ds = new ArrayList<>();
        while (s.end == null) {
            options(s, c);
            if (c.size() == 0) {
                s.end = finish(s);
                break;
            }
            if (ds.size() == BUDGET) {
                s.end = new Outcome(Outcome.Kind.BUDGET_EXHAUSTED, 0, "budget", -1, 0);
                break;
            }
            int i = scheduler.choose(c);
            if (i < 0 || i >= c.size()) {
                throw new IllegalStateException("bad choice " + i + " of " + c);
            }
            ds.add(Decision.of(c, i));
            apply(s, c, i);
        }
        return new RunResult(s.end, List.copyOf(ds), ds.size());
    }

    // ------------------------------------------------------------------ brute force

    /** Every interleaving, by copying states: the set of final outcomes and the number of runs. */
    record Enumeration(Set<Outcome> outcomes, long runs) {
    }

    Enumeration enumerate() {
        Set<Outcome> out = new LinkedHashSet<>();
        long[] count = {0};
        enumerate(initial(), out, count);
        return new Enumeration(out, count[0]);
    }

    private void enumerate(State s, Set<Outcome> out, long[] count) {
        if (s.end != null) {
            out.add(s.end);
            count[0]++;
            return;
        }
        ChoiceSet c = new ChoiceSet();
        options(s, c);
        if (c.size() == 0) {
            out.add(finish(s));
            count[0]++;
            return;
        }
        for (int i = 0; i < c.size(); i++) {
            State n = new State(s);
            apply(n, c, i);
            enumerate(n, out, count);
        }
    }

    /**
     * Outcomes of every interleaving with at most {@code bound} deviations from DefaultPolicy
     * (brute force, for checking bounded search).
     */
    Set<Outcome> enumerateBounded(int bound) {
        Set<Outcome> out = new LinkedHashSet<>();
        enumerateBounded(initial(), bound, out);
        return out;
    }

    private void enumerateBounded(State s, int left, Set<Outcome> out) {
        if (s.end != null) {
            out.add(s.end);
            return;
        }
        ChoiceSet c = new ChoiceSet();
        options(s, c);
        if (c.size() == 0) {
            out.add(finish(s));
            return;
        }
        int def = DefaultPolicy.choose(c);
        for (int i = 0; i < c.size(); i++) {
            if (i != def && left == 0) {
                continue;
            }
            State n = new State(s);
            apply(n, c, i);
            enumerateBounded(n, i == def ? left : left - 1, out);
        }
    }
}
