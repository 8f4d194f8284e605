package io.mmulab.mmu.model;

import static io.mmulab.mmu.model.Litmus.X;
import static io.mmulab.mmu.model.Litmus.Y;
import static io.mmulab.mmu.model.Litmus.Z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.mmu.MemoryViews;
import io.mmulab.mmu.PhysicalAddressOutOfRangeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hand-driven scenarios: the emulator's calls, one at a time, with what each CPU then sees. */
class MemorySystemTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A small machine: views, memory system, and a log of every commit the listeners heard. */
    private final class Rig {
        final MemoryViews views;
        final MemorySystem ms;
        final List<String> log = new ArrayList<>();

        Rig(ModelKind m, int cpus, int capacity) {
            views = MemoryViews.allocate(Litmus.MEM, cpus);
            open.add(views);
            ms = new MemorySystem(views, m, capacity);
            views.addCommitListener((cpu, pa, size, value) ->
                    log.add(String.format("%d:%x/%d=%x", cpu, pa, size, value)));
        }

        /** The store hook, then unicorn's write into the storing CPU's own view. */
        void st(int cpu, long pa, int size, long v, StoreKind k) {
            ms.store(cpu, pa, size, v, k);
            write(cpu, pa, size, v);
            check();
        }

        void st(int cpu, long pa, long v) {
            st(cpu, pa, 8, v, StoreKind.PLAIN);
        }

        void write(int cpu, long pa, int size, long v) {
            switch (size) {
                case 1 -> views.view(cpu).write8(pa, (byte) v);
                case 2 -> views.view(cpu).write16(pa, (short) v);
                case 4 -> views.view(cpu).write32(pa, (int) v);
                default -> views.view(cpu).write64(pa, v);
            }
        }

        /** A load: the hook's verdict must be PROCEED, then the value from the CPU's view. */
        long ld(int cpu, long pa, LoadKind k) {
            assertEquals(LoadVerdict.PROCEED, ms.load(cpu, pa, 8, k));
            check();
            return views.view(cpu).read64(pa);
        }

        long ld(int cpu, long pa) {
            return ld(cpu, pa, LoadKind.PLAIN);
        }

        /** A whole atomic fetch-add, as the emulator runs it: read half, then write half. */
        long rmw(int cpu, long pa, LoadKind lk, StoreKind sk) {
            long old = ld(cpu, pa, lk);
            st(cpu, pa, 8, old + 1, sk);
            return old;
        }

        long mem(long pa) {
            return views.committed().read64(pa);
        }

        long view(int cpu, long pa) {
            return views.view(cpu).read64(pa);
        }

        List<Long> seqs(int cpu) {
            return ms.pending(cpu).stream().map(PendingStore::seq).toList();
        }

        void commit(int cpu, long seq) {
            ms.commit(new CommitChoice(cpu, seq));
            check();
        }

        void check() {
            Litmus.checkViews(ms, views, X, X + 8, Y, Z, 0x100, 0x108);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    // ---- constructor and arguments

    @Test
    void rejectsBadArguments() {
        Rig r = new Rig(ModelKind.ARM, 2, 4);
        assertThrows(IllegalArgumentException.class, () -> new MemorySystem(r.views, ModelKind.ARM, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.ms.store(0, X, 3, 1, StoreKind.PLAIN));
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
        assertThrows(PhysicalAddressOutOfRangeException.class, () -> r.ms.store(0, Litmus.MEM - 4, 8, 1, StoreKind.PLAIN));
        assertThrows(PhysicalAddressOutOfRangeException.class, () -> r.ms.commitNow(0, Litmus.MEM - 1, new byte[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> r.ms.store(2, X, 8, 1, StoreKind.PLAIN));
        assertThrows(IndexOutOfBoundsException.class, () -> r.ms.load(-1, X, 8, LoadKind.PLAIN));
        assertFalse(r.ms.anyPending(), "a rejected store is not buffered");
        assertEquals(ModelKind.ARM, r.ms.model());
        assertEquals(r.views, r.ms.views());
    }

    // ---- sc

    @Test
    void scCommitsEveryStoreAtOnce() {
        Rig r = new Rig(ModelKind.SC, 3, 4);
        r.st(1, X, 8, 0x42, StoreKind.PLAIN);
        r.st(2, Y, 8, 7, StoreKind.RELEASE);
        assertFalse(r.ms.anyPending());
        assertEquals(List.of(), r.ms.commitChoices());
        for (int c = 0; c < 3; c++) {
            assertEquals(0x42, r.view(c, X));
            assertEquals(7, r.view(c, Y));
        }
        assertEquals(List.of("1:1000/8=42", "2:2000/8=7"), r.log);
        assertEquals(LoadVerdict.PROCEED, r.ms.load(0, X, 8, LoadKind.ATOMIC_RELAXED));
    }

    // ---- tso

    @Test
    void tsoBuffersFifoAndOnlyTheOldestIsAChoice() {
        Rig r = new Rig(ModelKind.TSO, 2, 8);
        r.st(0, X, 1);
        r.st(0, Y, 2);
        assertEquals(1, r.view(0, X), "own store forwarded");
        assertEquals(0, r.ld(1, X), "other cpu does not see it yet");
        List<Long> s = r.seqs(0);
        assertEquals(List.of(new CommitChoice(0, s.get(0))), r.ms.commitChoices());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.commit(0, s.get(1)));
        assertTrue(e.getMessage().contains("store #" + s.get(1) + " of cpu 0"), e.getMessage());
        assertTrue(e.getMessage().contains("program order"), e.getMessage());
        r.commit(0, s.get(0));
        assertEquals(1, r.ld(1, X));
        assertEquals(0, r.ld(1, Y));
    }

    @Test
    void tsoAtomicsDrainThenCommitAtOnce() {
        Rig r = new Rig(ModelKind.TSO, 2, 8);
        r.st(0, X, 1);
        r.st(0, Z, 8, 3, StoreKind.RELEASE);
        assertEquals(2, r.ms.pendingCount(0));
        long old = r.rmw(0, Y, LoadKind.ATOMIC_FULL, StoreKind.ATOMIC_FULL);
        assertEquals(0, old);
        assertFalse(r.ms.hasPending(0), "lock xadd drained the buffer and committed at once");
        assertEquals(1, r.ld(1, X));
        assertEquals(1, r.ld(1, Y));
        assertEquals(List.of("0:1000/8=1", "0:3000/8=3", "0:2000/8=1"), r.log);
    }

    @Test
    void tsoBarriers() {
        Rig r = new Rig(ModelKind.TSO, 2, 8);
        r.st(0, X, 1);
        r.ms.barrier(0, Barrier.STORE_STORE);
        r.ms.barrier(0, Barrier.LOAD);
        assertTrue(r.ms.hasPending(0), "sfence/lfence do nothing in TSO");
        r.ms.barrier(0, Barrier.FULL);
        assertFalse(r.ms.hasPending(0), "mfence drains");
        assertEquals(1, r.view(1, X));
    }

    // ---- arm ordering rules

    @Test
    void armMessagePassingFlagBeforeData() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1); // data
        r.st(0, Y, 1); // flag
        List<Long> s = r.seqs(0);
        assertEquals(List.of(new CommitChoice(0, s.get(0)), new CommitChoice(0, s.get(1))), r.ms.commitChoices());
        r.commit(0, s.get(1));
        assertEquals(1, r.ld(1, Y));
        assertEquals(0, r.ld(1, X), "reader sees the flag but not the data");
    }

    @Test
    void armSameLocationOrder() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1);
        r.st(0, Y, 5);
        r.st(0, X + 4, 4, 2, StoreKind.PLAIN); // overlaps the first store's upper half
        List<Long> s = r.seqs(0);
        assertEquals(List.of(new CommitChoice(0, s.get(0)), new CommitChoice(0, s.get(1))), r.ms.commitChoices());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.commit(0, s.get(2)));
        assertTrue(e.getMessage().contains("same-location"), e.getMessage());
        assertTrue(e.getMessage().contains("store #" + s.get(0)), e.getMessage());
        assertEquals(2L << 32 | 1, r.view(0, X));
        r.commit(0, s.get(0));
        assertEquals(1, r.ld(1, X));
        r.commit(0, s.get(2));
        assertEquals(2L << 32 | 1, r.ld(1, X));
    }

    @Test
    void armStoreStoreBarrierOrdersStoresAcrossIt() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1);
        r.ms.barrier(0, Barrier.STORE_STORE);
        r.ms.barrier(0, Barrier.STORE_STORE); // nothing new in between: same epoch boundary
        r.st(0, Y, 1);
        r.st(0, Z, 1);
        List<PendingStore> p = r.ms.pending(0);
        assertEquals(p.get(0).epoch() + 1, p.get(1).epoch());
        assertEquals(p.get(1).epoch(), p.get(2).epoch());
        assertEquals(List.of(new CommitChoice(0, p.get(0).seq())), r.ms.commitChoices());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.commit(0, p.get(2).seq()));
        assertTrue(e.getMessage().contains("dmb ishst"), e.getMessage());
        r.commit(0, p.get(0).seq());
        assertEquals(List.of(new CommitChoice(0, p.get(1).seq()), new CommitChoice(0, p.get(2).seq())),
                r.ms.commitChoices(), "after the barrier's earlier stores, the later ones are unordered");
        r.ms.barrier(0, Barrier.LOAD);
        assertEquals(2, r.ms.pendingCount(0), "dmb ishld does nothing");
    }

    @Test
    void armStoreStoreBarrierWithEmptyBufferDoesNothing() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        for (int i = 0; i < 1000; i++) {
            r.ms.barrier(0, Barrier.STORE_STORE);
        }
        r.st(0, X, 1);
        assertEquals(0, r.ms.pending(0).getFirst().epoch());
    }

    @Test
    void armReleaseStoreWaitsForEveryEarlierStore() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1);
        r.st(0, Z, 1);
        r.st(0, Y, 8, 1, StoreKind.RELEASE);
        r.st(0, X + 8, 1);
        List<Long> s = r.seqs(0);
        assertEquals(List.of(new CommitChoice(0, s.get(0)), new CommitChoice(0, s.get(1)), new CommitChoice(0, s.get(3))),
                r.ms.commitChoices(), "a store after the stlr may pass it (stlr is one-way)");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.commit(0, s.get(2)));
        assertTrue(e.getMessage().contains("release"), e.getMessage());
        r.commit(0, s.get(1));
        r.commit(0, s.get(0));
        assertNull(r.ms.blockedReason(0, s.get(2)));
    }

    @Test
    void ldarWaitsForEarlierStlrButLdaprDoesNot() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1);
        r.st(0, Y, 8, 1, StoreKind.RELEASE);
        r.st(0, Z, 1);
        r.ld(0, X + 8, LoadKind.ACQUIRE_PC);
        assertEquals(3, r.ms.pendingCount(0), "ldapr (RCpc) does not wait");
        r.ld(0, X + 8, LoadKind.PLAIN);
        assertEquals(3, r.ms.pendingCount(0));
        r.ld(0, X + 8, LoadKind.ACQUIRE);
        List<PendingStore> left = r.ms.pending(0);
        assertEquals(1, left.size(), "ldar committed the stlr and what it waits for, nothing more");
        assertEquals(Z, left.getFirst().pa());
        assertEquals(List.of("0:1000/8=1", "0:2000/8=1"), r.log);
    }

    @Test
    void acquireAtomicIsRcscToo() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, Y, 8, 1, StoreKind.RELEASE);
        r.rmw(0, X, LoadKind.ATOMIC_ACQUIRE, StoreKind.ATOMIC_RELAXED);
        assertEquals(List.of("0:2000/8=1"), r.log, "ldadda waited for the stlr");
    }

    @Test
    void armFullBarrierDrains() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1);
        r.ms.barrier(0, Barrier.STORE_STORE);
        r.st(0, Y, 8, 2, StoreKind.RELEASE);
        r.st(0, X, 3);
        r.ms.barrier(0, Barrier.FULL);
        assertFalse(r.ms.hasPending(0));
        assertEquals(List.of("0:1000/8=1", "0:2000/8=2", "0:1000/8=3"), r.log);
        assertEquals(3, r.ld(1, X));
    }

    // ---- arm atomics and holds

    @Test
    void atomicWriteHoldsItsBytesUntilItCommits() {
        Rig r = new Rig(ModelKind.ARM, 3, 8);
        assertEquals(0, r.rmw(0, X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED));
        PendingStore held = r.ms.pending(0).getFirst();
        assertTrue(held.holds());
        // Other CPUs' atomic reads of any of the bytes wait; plain reads go on (and see the old value).
        for (LoadKind k : List.of(LoadKind.ATOMIC_RELAXED, LoadKind.ATOMIC_ACQUIRE, LoadKind.ATOMIC_RELEASE, LoadKind.ATOMIC_FULL)) {
            assertEquals(LoadVerdict.BLOCKED_BY_HOLD, r.ms.load(1, X + 4, 4, k), k.toString());
        }
        assertEquals(0, r.ms.blockingHolder(1, X + 4, 4));
        assertEquals(-1, r.ms.blockingHolder(0, X, 8), "a cpu is not blocked by its own hold");
        assertEquals(-1, r.ms.blockingHolder(1, Y, 8));
        assertEquals(0, r.ld(1, X));
        // Another CPU's store to the held bytes is buffered but may not commit.
        r.st(2, X + 6, 2, 0x7777, StoreKind.PLAIN);
        long plain = r.ms.pending(2).getFirst().seq();
        assertEquals(List.of(new CommitChoice(0, held.seq())), r.ms.commitChoices());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.commit(2, plain));
        assertTrue(e.getMessage().contains("cpu 0 holds"), e.getMessage());
        assertTrue(e.getMessage().contains("store #" + held.seq()), e.getMessage());
        // The commit releases the hold.
        r.commit(0, held.seq());
        assertEquals(-1, r.ms.blockingHolder(1, X, 8));
        assertEquals(List.of(new CommitChoice(2, plain)), r.ms.commitChoices());
        assertEquals(1, r.rmw(1, X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED));
        assertEquals(0x7777L << 48 | 1, r.view(2, X), "cpu 2 sees its own pending bytes over cpu 0's value");
    }

    @Test
    void atomicReadCommitsWhatTheHeldWriteWouldWaitFor() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        // Relaxed, same epoch, other location: stays buffered (the atomic may pass it).
        r.st(0, Z, 1);
        r.ld(0, X, LoadKind.ATOMIC_RELAXED);
        assertEquals(1, r.ms.pendingCount(0));
        // Overlapping an earlier wider store: that store commits first.
        r.st(0, Y, 0x1111);
        r.ms.load(0, Y + 4, 4, LoadKind.ATOMIC_RELAXED);
        assertEquals(List.of(Z), r.ms.pending(0).stream().map(PendingStore::pa).toList());
        // Older epoch: commits first.
        r.ms.barrier(0, Barrier.STORE_STORE);
        r.ld(0, X, LoadKind.ATOMIC_RELAXED);
        assertFalse(r.ms.hasPending(0));
        // Release atomic: everything earlier commits first.
        r.st(0, Z, 2);
        r.st(0, Y, 2);
        r.ld(0, X, LoadKind.ATOMIC_RELEASE);
        assertFalse(r.ms.hasPending(0));
        assertEquals(List.of("0:2000/8=1111", "0:3000/8=1", "0:3000/8=2", "0:2000/8=2"), r.log);
    }

    @Test
    void atomicPreCommitWaitingOnAHoldCommitsTheHolderFirst() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.rmw(1, Y, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED); // cpu 1 holds y (y = 1)
        r.st(0, Y, 5); // waits on the hold
        assertEquals(1, r.ms.commitChoiceCount());
        r.rmw(0, X, LoadKind.ATOMIC_RELEASE, StoreKind.ATOMIC_RELEASE);
        assertEquals(List.of("1:2000/8=1", "0:2000/8=5"), r.log);
        assertEquals(5, r.mem(Y));
        assertTrue(r.ms.pending(0).getFirst().holds());
    }

    @Test
    void fullyOrderedAtomicDrainsAndCommitsAtOnceUnderArm() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, Y, 1);
        r.ms.barrier(0, Barrier.STORE_STORE);
        r.st(0, Z, 1);
        assertEquals(0, r.rmw(0, X, LoadKind.ATOMIC_FULL, StoreKind.ATOMIC_FULL));
        assertFalse(r.ms.anyPending());
        assertEquals(List.of("0:2000/8=1", "0:3000/8=1", "0:1000/8=1"), r.log);
        assertEquals(1, r.ld(1, X));
    }

    @Test
    void atomicWriteWithoutItsReadStillTakesTheHoldCleanly() {
        // Defensive path: a store-exclusive reported without the read's check. It commits the
        // foreign hold first so that at most one CPU ever holds a byte.
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.rmw(1, X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED);
        r.st(0, X, 8, 9, StoreKind.ATOMIC_RELAXED);
        assertFalse(r.ms.hasPending(1));
        assertEquals(List.of("1:1000/8=1"), r.log);
        assertEquals(1, r.ms.commitChoiceCount());
    }

    // ---- buffer full

    @Test
    void fullBufferCommitsTheOldestCommittableStore() {
        Rig r = new Rig(ModelKind.ARM, 2, 2);
        r.st(0, X, 8, 1, StoreKind.PLAIN);
        r.st(0, Y, 8, 2, StoreKind.RELEASE); // not committable before x
        r.st(0, Z, 3);
        assertEquals(List.of("0:1000/8=1"), r.log);
        assertEquals(List.of(Y, Z), r.ms.pending(0).stream().map(PendingStore::pa).toList());
        r.st(0, X, 4);
        assertEquals(List.of("0:1000/8=1", "0:2000/8=2"), r.log);

        Rig t = new Rig(ModelKind.TSO, 2, 2);
        t.st(0, X, 1);
        t.st(0, Y, 2);
        t.st(0, Z, 3);
        assertEquals(List.of("0:1000/8=1"), t.log);
        assertEquals(2, t.ms.pendingCount(0));
    }

    @Test
    void fullBufferWaitingOnAHoldCommitsTheHolderFirst() {
        Rig r = new Rig(ModelKind.ARM, 2, 1);
        r.rmw(0, X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED); // cpu 0 holds x = 1
        r.st(1, X, 5); // buffered, waits on the hold; cpu 1's buffer is now full
        assertEquals(List.of(), r.log);
        r.st(1, Y, 6);
        assertEquals(List.of("0:1000/8=1", "1:1000/8=5"), r.log);
        assertEquals(5, r.mem(X));
        assertEquals(List.of(Y), r.ms.pending(1).stream().map(PendingStore::pa).toList());
        assertEquals(5, r.ld(0, X));
    }

    @Test
    void drainCommitsHoldersItWaitsOn() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.rmw(1, X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED);
        r.st(0, Y, 2);
        r.st(0, X, 3);
        r.ms.drain(0);
        assertEquals(List.of("0:2000/8=2", "1:1000/8=1", "0:1000/8=3"), r.log);
        assertFalse(r.ms.anyPending());
    }

    // ---- byte precision

    @Test
    void commitsSkipExactlyTheBytesAViewHasPending() {
        Rig r = new Rig(ModelKind.ARM, 3, 8);
        r.st(1, X + 4, 4, 0xBBBBBBBBL, StoreKind.PLAIN);
        r.st(2, X + 1, 2, 0xCCCC, StoreKind.PLAIN);
        r.st(0, X, 8, 0x1111111111111111L, StoreKind.PLAIN);
        r.commit(0, r.seqs(0).getFirst());
        assertEquals(0x1111111111111111L, r.mem(X));
        assertEquals(0xBBBBBBBB11111111L, r.view(1, X));
        assertEquals(0x1111111111CCCC11L, r.view(2, X));
        assertEquals(0x1111111111111111L, r.view(0, X));
        r.commit(1, r.seqs(1).getFirst());
        assertEquals(0xBBBBBBBB11111111L, r.mem(X));
        assertEquals(0xBBBBBBBB11111111L, r.view(0, X));
        assertEquals(0xBBBBBBBB11CCCC11L, r.view(2, X));
        r.commit(2, r.seqs(2).getFirst());
        for (int c = 0; c < 3; c++) {
            assertEquals(0xBBBBBBBB11CCCC11L, r.view(c, X));
        }
        // A narrow commit into a wider pending store: the view keeps all of its own bytes.
        r.st(1, X, 8, 0, StoreKind.PLAIN);
        r.st(0, X + 2, 2, 0xEEEE, StoreKind.PLAIN);
        r.commit(0, r.seqs(0).getFirst());
        assertEquals(0, r.view(1, X));
        assertEquals(0xBBBBBBBBEEEECC11L, r.view(2, X));
    }

    // ---- commitNow

    @Test
    void commitNowWritesEveryViewExceptPendingBytes() {
        Rig r = new Rig(ModelKind.ARM, 3, 8);
        r.st(0, 0x100, 4, 0xAAAAAAAAL, StoreKind.PLAIN);
        r.st(1, 0x104, 2, 0x1111, StoreKind.PLAIN);
        byte[] frame = {1, 2, 3, 4, 5, 6, 7, 8};
        r.ms.commitNow(1, 0x100, frame);
        r.check();
        assertEquals(0x0807060504030201L, r.mem(0x100));
        assertEquals(0x08070605AAAAAAAAL, r.view(0, 0x100));
        assertEquals(0x0807111104030201L, r.view(1, 0x100), "cpu 1's own view too, but not its pending bytes");
        assertEquals(0x0807060504030201L, r.view(2, 0x100));
        assertEquals(List.of("1:100/8=807060504030201"), r.log);
        r.ms.drain(0);
        r.ms.drain(1);
        assertEquals(0x08071111AAAAAAAAL, r.view(2, 0x100));
        r.check();
    }

    @Test
    void commitNowReportsAlignedPiecesToListeners() {
        Rig r = new Rig(ModelKind.SC, 2, 8);
        byte[] b = new byte[11];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (0x10 + i);
        }
        r.ms.commitNow(0, 0x101, b);
        assertEquals(List.of("0:101/1=10", "0:102/2=1211", "0:104/4=16151413", "0:108/4=1a191817"), r.log);
        byte[] back = new byte[11];
        r.views.view(1).read(0x101, back, 0, 11);
        assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(back));
        r.ms.commitNow(0, 0x200, new byte[0]);
        assertEquals(4, r.log.size());
    }

    @Test
    void commitNowAndCompareAndSetNowLetHeldAtomicsLandFirst() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.rmw(1, X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED); // x = 1, held by cpu 1
        assertFalse(r.ms.compareAndSetNow(0, X, 0, 0x20), "compares against the value after the held write");
        assertEquals(List.of("1:1000/8=1"), r.log);
        assertTrue(r.ms.compareAndSetNow(0, X, 1, 0x21));
        assertEquals(0x21, r.view(1, X));
        r.rmw(0, Y, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED); // y = 1, held by cpu 0 itself
        r.ms.commitNow(0, Y, new byte[] {0x40});
        assertEquals(List.of("1:1000/8=1", "0:1000/8=21", "0:2000/8=1", "0:2000/1=40"), r.log);
        assertEquals(0x40, r.mem(Y));
        r.check();
    }

    @Test
    void commitHoldsCommitsOnlyHeldWritesOverTheRange() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.rmw(1, X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED);
        r.rmw(1, Y, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED);
        r.st(0, X + 8, 3);
        r.ms.commitHolds(X + 4, 8);
        assertEquals(List.of("1:1000/8=1"), r.log, "only the hold over the range; plain stores stay");
        assertEquals(1, r.ms.pendingCount(0));
        assertEquals(1, r.ms.pendingCount(1));
        r.check();
        assertThrows(PhysicalAddressOutOfRangeException.class, () -> r.ms.commitHolds(Litmus.MEM - 4, 8));
    }

    // ---- choices, errors, listeners, snapshots

    @Test
    void commitChoicesAreCpuThenProgramOrderAndDeterministic() {
        List<List<CommitChoice>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Rig r = new Rig(ModelKind.ARM, 4, 8);
            r.st(3, Z, 1);
            r.st(1, X, 1);
            r.st(1, X, 2);
            r.st(1, Y, 3);
            r.st(0, Y, 4);
            r.rmw(2, Z + 8, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED);
            r.st(0, Z + 8, 5); // held by cpu 2
            r.st(0, X, 6);
            List<CommitChoice> c = r.ms.commitChoices();
            assertEquals(List.of(
                    new CommitChoice(0, r.seqs(0).get(0)),
                    new CommitChoice(0, r.seqs(0).get(2)),
                    new CommitChoice(1, r.seqs(1).get(0)),
                    new CommitChoice(1, r.seqs(1).get(2)),
                    new CommitChoice(2, r.seqs(2).get(0)),
                    new CommitChoice(3, r.seqs(3).get(0))), c);
            assertEquals(c.size(), r.ms.commitChoiceCount());
            assertThrows(UnsupportedOperationException.class, () -> c.add(null));
            runs.add(c);
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void committingAnUnknownStoreNamesIt() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.commit(0, 99));
        assertTrue(e.getMessage().contains("cpu 0 has no pending store #99"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> r.commit(1, r.seqs(0).getFirst()));
    }

    @Test
    void listenersHearEveryCommitInCommitOrder() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        List<String> second = new ArrayList<>();
        r.views.addCommitListener((cpu, pa, size, value) -> second.add(cpu + "@" + Long.toHexString(pa)));
        r.st(0, X, 1);
        r.st(0, Y, 2);
        r.st(1, Z, 3);
        r.commit(0, r.seqs(0).get(1));
        r.commit(1, r.seqs(1).get(0));
        r.ms.barrier(0, Barrier.FULL);
        r.ms.commitNow(1, 0x100, new byte[] {1, 2});
        assertEquals(List.of("0:2000/8=2", "1:3000/8=3", "0:1000/8=1", "1:100/2=201"), r.log);
        assertEquals(List.of("0@2000", "1@3000", "0@1000", "1@100"), second);
    }

    @Test
    void pendingIsAnImmutableProgramOrderSnapshot() {
        Rig r = new Rig(ModelKind.ARM, 2, 8);
        r.st(0, X, 1);
        r.st(0, Y, 8, 2, StoreKind.RELEASE);
        List<PendingStore> p = r.ms.pending(0);
        assertEquals(2, p.size());
        assertTrue(p.get(0).seq() < p.get(1).seq());
        assertEquals(new PendingStore(p.get(1).seq(), 0, Y, 8, 2, StoreKind.RELEASE, 0), p.get(1));
        assertThrows(UnsupportedOperationException.class, () -> p.remove(0));
        r.commit(0, p.get(0).seq());
        assertEquals(2, p.size(), "a snapshot does not change");
        assertEquals(1, r.ms.pending(0).size());
        assertTrue(p.get(1).toString().contains("store #" + p.get(1).seq() + " of cpu 0"), p.get(1).toString());
    }

    @Test
    void oldViewsApiStillCommitsEverywhere() {
        Rig r = new Rig(ModelKind.SC, 2, 8);
        r.views.commit(1, X, 4, 0x1234);
        assertEquals(0x1234, r.view(0, X));
        assertEquals(0x1234, r.view(1, X));
        assertEquals(List.of("1:1000/4=1234"), r.log);
    }
}
