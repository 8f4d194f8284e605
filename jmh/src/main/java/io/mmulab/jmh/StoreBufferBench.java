package io.mmulab.jmh;

import io.mmulab.mmu.MemoryViews;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.model.CommitChoice;
import io.mmulab.mmu.model.LoadKind;
import io.mmulab.mmu.model.MemorySystem;
import io.mmulab.mmu.model.ModelKind;
import io.mmulab.mmu.model.StoreKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The memory model on the access path, driven as the emulator drives it: the write hook calls
 * {@link MemorySystem#store}, then unicorn writes the value into the storing CPU's view; the read
 * hook calls {@link MemorySystem#load}, then unicorn reads the view (which is how a load forwards
 * from the store buffer); the scheduler commits a store it picked from the commit choices.
 * Two CPUs, store buffers of 8 like the machine's (MachineConfig.STORE_BUFFER_CAPACITY).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class StoreBufferBench {
    private static final long X = 0x1000;
    private static final int CAPACITY = 8;

    /** Two CPUs' views over committed memory and their store buffers, all empty. */
    @State(Scope.Thread)
    public static class Machine {
        @Param({"sc", "tso", "arm"})
        public String model;

        MemoryViews views;
        MemorySystem ms;
        PhysicalMemory view0;
        int[] choiceCpus;
        long[] choiceSeqs;
        long v;

        @Setup(Level.Trial)
        public void setUp() {
            views = MemoryViews.allocate(64 * 1024, 2);
            views.addCommitListener((cpu, pa, size, value) -> { }); // the machine always has listeners
            ms = new MemorySystem(views, ModelKind.parse(model), CAPACITY);
            view0 = views.view(0);
            choiceCpus = new int[ms.maxCommitChoices()];
            choiceSeqs = new long[ms.maxCommitChoices()];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            views.close();
        }

        /** What the write hook and then unicorn do for one plain store of cpu 0. */
        void store(long pa) {
            v++;
            ms.store(0, pa, 8, v, StoreKind.PLAIN);
            view0.writeSized(pa, 8, v);
        }

        /** Eight words of one line, in turn: a full buffer holds each once, so no two pending stores overlap. */
        long addr() {
            return X + ((v & 7) << 3);
        }
    }

    /** cpu 0's buffer full (a no-op under sc), with a store to X among its pending ones. */
    public static class FullBuffer extends Machine {
        @Setup(Level.Iteration)
        public void fill() {
            ms.drain(0);
            for (int k = 0; k < CAPACITY; k++) {
                store(X + 8L * k);
            }
        }
    }

    /**
     * One store, then the scheduler commits it as Machine does: it lists the commit choices (into
     * its own arrays), then commits one. Under sc the store commits itself and there is no choice.
     */
    @Benchmark
    public int storeThenCommit(Machine m) {
        m.store(m.addr());
        int n = m.ms.commitChoices(m.choiceCpus, m.choiceSeqs);
        if (n > 0) {
            m.ms.commit(m.choiceCpus[0], m.choiceSeqs[0]);
        }
        return n;
    }

    /** storeThenCommit through the list API (commitChoices() and a CommitChoice), which allocates. */
    @Benchmark
    public int storeThenCommitViaList(Machine m) {
        m.store(m.addr());
        List<CommitChoice> choices = m.ms.commitChoices();
        if (!choices.isEmpty()) {
            m.ms.commit(choices.getFirst());
        }
        return choices.size();
    }

    /** A store into a full buffer, which first commits one of the CPU's stores: the steady state of a store burst. */
    @Benchmark
    public void storeIntoFullBuffer(FullBuffer m) {
        m.store(m.addr());
    }

    /** A plain load by cpu 0 of a word it has pending: its view already holds it (forwarding). */
    @Benchmark
    public long loadForwarded(FullBuffer m) {
        m.ms.load(0, X, 8, LoadKind.PLAIN);
        return m.view0.readSized(X, 8);
    }
}
