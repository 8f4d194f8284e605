package io.mmulab.mmu.model;

import static io.mmulab.mmu.model.Litmus.X;
import static io.mmulab.mmu.model.Litmus.Y;
import static io.mmulab.mmu.model.Litmus.Z;
import static io.mmulab.mmu.model.Litmus.fence;
import static io.mmulab.mmu.model.Litmus.ld;
import static io.mmulab.mmu.model.Litmus.st;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.mmu.model.Litmus.Op;
import io.mmulab.mmu.model.Litmus.Result;
import io.mmulab.mmu.model.Litmus.Rmw;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Classic litmus tests, every interleaving of steps and commit choices explored. Each "never" is
 * paired with a weaker model or a weaker program where the explorer does find the outcome, so a
 * search that explored too little would fail.
 */
class LitmusTest {
    private static final int CAP = 8;

    private static Result explore(ModelKind m, List<List<Op>> progs, int regs, long... observed) {
        return Litmus.explore(m, CAP, progs, regs, observed);
    }

    private static Set<String> set(String... s) {
        return new TreeSet<>(List.of(s));
    }

    // ---- SB: store buffering

    private static List<List<Op>> sb(Op storeX, Op loadY, Op storeY, Op loadX, Op... fence) {
        return fence.length == 0
                ? List.of(List.of(storeX, loadY), List.of(storeY, loadX))
                : List.of(List.of(storeX, fence[0], loadY), List.of(storeY, fence[0], loadX));
    }

    @Test
    void sbNeverUnderSc() {
        Result r = explore(ModelKind.SC, sb(st(X, 1), ld(Y, 0), st(Y, 1), ld(X, 1)), 2);
        assertEquals(set("r0=0 r1=1 ;", "r0=1 r1=0 ;", "r0=1 r1=1 ;"), r.outcomes());
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"TSO", "ARM"})
    void sbObservableUnderTsoAndArm(ModelKind m) {
        Result r = explore(m, sb(st(X, 1), ld(Y, 0), st(Y, 1), ld(X, 1)), 2);
        assertEquals(set("r0=0 r1=0 ;", "r0=0 r1=1 ;", "r0=1 r1=0 ;", "r0=1 r1=1 ;"), r.outcomes());
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"TSO", "ARM"})
    void sbWithFullFenceNever(ModelKind m) {
        Result r = explore(m, sb(st(X, 1), ld(Y, 0), st(Y, 1), ld(X, 1), fence(Barrier.FULL)), 2);
        assertFalse(r.has("r0=0 r1=0 ;"), r.outcomes().toString());
        assertEquals(3, r.outcomes().size());
    }

    @ParameterizedTest
    @EnumSource(value = Barrier.class, names = {"STORE_STORE", "LOAD"})
    void sbWithWeakerFenceStillObservableUnderArm(Barrier b) {
        Result r = explore(ModelKind.ARM, sb(st(X, 1), ld(Y, 0), st(Y, 1), ld(X, 1), fence(b)), 2);
        assertTrue(r.has("r0=0 r1=0 ;"));
    }

    @Test
    void sbWithStlrAndLdarNeverUnderArm() {
        // RCsc: each ldar waits for the stlr before it.
        Result r = explore(ModelKind.ARM, sb(st(X, 1, StoreKind.RELEASE), ld(Y, LoadKind.ACQUIRE, 0),
                st(Y, 1, StoreKind.RELEASE), ld(X, LoadKind.ACQUIRE, 1)), 2);
        assertFalse(r.has("r0=0 r1=0 ;"), r.outcomes().toString());
    }

    @Test
    void sbWithStlrAndLdaprObservableUnderArm() {
        // RCpc: ldapr does not wait for an earlier stlr.
        Result r = explore(ModelKind.ARM, sb(st(X, 1, StoreKind.RELEASE), ld(Y, LoadKind.ACQUIRE_PC, 0),
                st(Y, 1, StoreKind.RELEASE), ld(X, LoadKind.ACQUIRE_PC, 1)), 2);
        assertTrue(r.has("r0=0 r1=0 ;"));
    }

    @Test
    void sbWithPlainStoreAndLdarObservableUnderArm() {
        // An acquire orders what comes after it; it does not wait for earlier plain stores.
        Result r = explore(ModelKind.ARM, sb(st(X, 1), ld(Y, LoadKind.ACQUIRE, 0),
                st(Y, 1), ld(X, LoadKind.ACQUIRE, 1)), 2);
        assertTrue(r.has("r0=0 r1=0 ;"));
    }

    // ---- MP: message passing (X = data, Y = flag); "r0=1 r1=0" = flag seen, data not

    private static List<List<Op>> mp(List<Op> writer, List<Op> reader) {
        return List.of(writer, reader);
    }

    private static final List<Op> PLAIN_READER = List.of(ld(Y, 0), ld(X, 1));

    @Test
    void mpDataCanCommitAfterFlagUnderArm() {
        Result r = explore(ModelKind.ARM, mp(List.of(st(X, 1), st(Y, 1)), PLAIN_READER), 2);
        assertTrue(r.has("r0=1 r1=0 ;"), r.outcomes().toString());
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"SC", "TSO"})
    void mpNeverUnderTsoOrSc(ModelKind m) {
        Result r = explore(m, mp(List.of(st(X, 1), st(Y, 1)), PLAIN_READER), 2);
        assertEquals(set("r0=0 r1=0 ;", "r0=0 r1=1 ;", "r0=1 r1=1 ;"), r.outcomes());
    }

    @ParameterizedTest
    @EnumSource(value = Barrier.class, names = {"FULL", "STORE_STORE"})
    void mpWithWriterBarrierNeverUnderArm(Barrier b) {
        Result r = explore(ModelKind.ARM, mp(List.of(st(X, 1), fence(b), st(Y, 1)), PLAIN_READER), 2);
        assertFalse(r.has("r0=1 r1=0 ;"), r.outcomes().toString());
        assertEquals(3, r.outcomes().size());
    }

    @Test
    void mpWithLoadBarrierOnWriterStillObservableUnderArm() {
        Result r = explore(ModelKind.ARM, mp(List.of(st(X, 1), fence(Barrier.LOAD), st(Y, 1)), PLAIN_READER), 2);
        assertTrue(r.has("r0=1 r1=0 ;"));
    }

    @Test
    void mpWithReleaseFlagAndAcquireLoadNeverUnderArm() {
        Result r = explore(ModelKind.ARM, mp(List.of(st(X, 1), st(Y, 1, StoreKind.RELEASE)),
                List.of(ld(Y, LoadKind.ACQUIRE, 0), ld(X, 1))), 2);
        assertFalse(r.has("r0=1 r1=0 ;"), r.outcomes().toString());
        assertEquals(3, r.outcomes().size());
    }

    @Test
    void mpWithReleaseAtomicFlagNeverUnderArm() {
        // flag set by a release atomic (ldaddl): its write waits for the data store.
        Result r = explore(ModelKind.ARM, mp(List.of(st(X, 1),
                        new Rmw(Y, 1, LoadKind.ATOMIC_RELEASE, StoreKind.ATOMIC_RELEASE, 2)),
                PLAIN_READER), 3);
        assertFalse(r.outcomes().stream().anyMatch(o -> o.startsWith("r0=1 r1=0 ")), r.outcomes().toString());
        // ... but by a relaxed atomic it may pass the data store.
        Result relaxed = explore(ModelKind.ARM, mp(List.of(st(X, 1),
                        new Rmw(Y, 1, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED, 2)),
                PLAIN_READER), 3);
        assertTrue(relaxed.outcomes().stream().anyMatch(o -> o.startsWith("r0=1 r1=0 ")));
    }

    // ---- 2+2W: final x = 1, y = 1 needs each CPU's second store to commit before its first

    private static List<List<Op>> twoPlusTwoW(Op... between) {
        return between.length == 0
                ? List.of(List.of(st(X, 1), st(Y, 2)), List.of(st(Y, 1), st(X, 2)))
                : List.of(List.of(st(X, 1), between[0], st(Y, 2)), List.of(st(Y, 1), between[0], st(X, 2)));
    }

    private static final String X1Y1 = "; [1000]=1 [2000]=1";

    @Test
    void twoPlusTwoWReachableUnderArm() {
        Result r = explore(ModelKind.ARM, twoPlusTwoW(), 0, X, Y);
        assertTrue(r.has(X1Y1), r.outcomes().toString());
        assertEquals(4, r.outcomes().size());
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"SC", "TSO"})
    void twoPlusTwoWNeverUnderTsoOrSc(ModelKind m) {
        Result r = explore(m, twoPlusTwoW(), 0, X, Y);
        assertFalse(r.has(X1Y1), r.outcomes().toString());
        assertEquals(3, r.outcomes().size());
    }

    @Test
    void twoPlusTwoWWithStoreStoreBarrierNeverUnderArm() {
        Result r = explore(ModelKind.ARM, twoPlusTwoW(fence(Barrier.STORE_STORE)), 0, X, Y);
        assertFalse(r.has(X1Y1), r.outcomes().toString());
    }

    // ---- coherence

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void sameLocationStoresCommitInProgramOrder(ModelKind m) {
        // CoWW and CoRR: a reader never sees the second store and then the first; x ends 2.
        Result r = explore(m, List.of(List.of(st(X, 1), st(X, 2)), List.of(ld(X, 0), ld(X, 1))), 2, X);
        for (String o : r.outcomes()) {
            assertTrue(o.endsWith("[1000]=2"), o);
        }
        assertFalse(r.has("r0=2 r1=1 ; [1000]=2"));
        assertTrue(r.has("r0=1 r1=2 ; [1000]=2"), "the explorer sees the intermediate value");
        // Two stores to different locations by the same program do pass each other under arm.
        Result diff = explore(m, List.of(List.of(st(X, 1), st(Z, 2)), List.of(ld(Z, 0), ld(X, 1))), 2);
        assertEquals(m == ModelKind.ARM, diff.has("r0=2 r1=0 ;"));
    }

    // ---- atomics

    private static Rmw add(long a, LoadKind lk, StoreKind sk, int reg) {
        return new Rmw(a, 1, lk, sk, reg);
    }

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"ATOMIC_RELAXED", "ATOMIC_RELEASE", "ATOMIC_FULL"})
    void concurrentAtomicIncrementsNeverLoseAnUpdate(StoreKind sk) {
        LoadKind lk = LoadKind.valueOf(sk.name());
        for (ModelKind m : ModelKind.values()) {
            Result r = explore(m, List.of(List.of(st(Y, 1), add(X, lk, sk, 0)), List.of(add(X, lk, sk, 1), st(Y, 2))),
                    2, X);
            for (String o : r.outcomes()) {
                assertTrue(o.endsWith("[1000]=2"), m + ": " + o);
            }
            assertEquals(set("r0=0 r1=1 ; [1000]=2", "r0=1 r1=0 ; [1000]=2"), r.outcomes(), m.toString());
        }
    }

    @Test
    void plainIncrementsDoLoseUpdates() {
        // The non-atomic control for the test above: read, then write, as two steps.
        List<List<Op>> p = List.of(List.of(ld(X, 0), st(X, 1)), List.of(ld(X, 1), st(X, 1)));
        assertTrue(explore(ModelKind.SC, p, 2, X).has("r0=0 r1=0 ; [1000]=1"));
    }

    @Test
    void relaxedAtomicCanBePassedByLaterLoadUnderArmOnly() {
        // gup-fast-barrier in miniature: CPU 0 increments a refcount with a relaxed atomic and then
        // rechecks a PMD; CPU 1 clears the PMD, fences, and checks the refcount.
        //  CPU 0                 | CPU 1
        //  ldadd  ref += 1       | pmd = 1; dmb ish
        //  r0 = pmd  -> 0        | r1 = ref -> 0      both missed each other
        for (ModelKind m : ModelKind.values()) {
            for (StoreKind sk : List.of(StoreKind.ATOMIC_RELAXED, StoreKind.ATOMIC_FULL)) {
                LoadKind lk = LoadKind.valueOf(sk.name());
                Result r = explore(m, List.of(
                        List.of(add(X, lk, sk, 2), ld(Y, 0)),
                        List.of(st(Y, 1), fence(Barrier.FULL), ld(X, 1))), 3);
                boolean missed = r.outcomes().stream().anyMatch(o -> o.startsWith("r0=0 r1=0 "));
                assertEquals(m == ModelKind.ARM && sk == StoreKind.ATOMIC_RELAXED, missed, m + " " + sk + ": " + r.outcomes());
            }
        }
    }

    @Test
    void holdsNeverDeadlockWhenReleaseAtomicsCrossPlainStores() {
        //  CPU 0              | CPU 1
        //  y = 1              | x = 1
        //  ldaddl x += 1      | ldaddl y += 1
        // Without committing y = 1 before taking the hold on x (and x = 1 before y), each held
        // write would wait behind a store that the other CPU's hold blocks. Every execution ends.
        Result r = explore(ModelKind.ARM, List.of(
                List.of(st(Y, 1), add(X, LoadKind.ATOMIC_RELEASE, StoreKind.ATOMIC_RELEASE, 0)),
                List.of(st(X, 1), add(Y, LoadKind.ATOMIC_RELEASE, StoreKind.ATOMIC_RELEASE, 1))), 2, X, Y);
        assertTrue(r.executions() > 10);
        for (String o : r.outcomes()) {
            assertTrue(o.contains("[1000]=2") || o.contains("[1000]=1"), o);
        }
        // The outcome where both plain stores committed before both atomics read.
        assertTrue(r.has("r0=1 r1=1 ; [1000]=2 [2000]=2"));
    }

    @Test
    void holdsNeverDeadlockAcrossStoreStoreEpochs() {
        Result r = explore(ModelKind.ARM, List.of(
                List.of(st(Y, 1), fence(Barrier.STORE_STORE), add(X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED, 0)),
                List.of(st(X, 1), fence(Barrier.STORE_STORE), add(Y, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED, 1))),
                2, X, Y);
        assertTrue(r.executions() > 10);
    }

    @Test
    void fullBuffersWaitingOnHoldsStillMakeProgress() {
        // Capacity 1: CPU 1's store to x waits on CPU 0's hold, and its next store needs the slot.
        Result r = Litmus.explore(ModelKind.ARM, 1, List.of(
                List.of(add(X, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED, 0), st(Y, 1), ld(Z, 1)),
                List.of(st(X, 5), st(Z, 1), st(Y, 2))), 2, X, Y, Z);
        assertTrue(r.executions() > 10);
        assertTrue(r.has("r0=0 r1=0 ; [1000]=5 [2000]=2 [3000]=1"));
        assertTrue(r.has("r0=0 r1=1 ; [1000]=5 [2000]=1 [3000]=1"));
        // x = 5 overwrote the atomic's 1, or the atomic read 5.
        for (String o : r.outcomes()) {
            assertTrue(o.contains("[1000]=5") || o.startsWith("r0=5"), o);
        }
    }

    @Test
    void threeCpusIriwShapeExploresWithoutDeadlock() {
        // A larger smoke exploration: three CPUs, a release, an acquire and a relaxed atomic.
        Result r = explore(ModelKind.ARM, List.of(
                List.of(st(X, 1), st(Y, 1, StoreKind.RELEASE)),
                List.of(ld(Y, LoadKind.ACQUIRE, 0), add(Z, LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED, 1)),
                List.of(add(Z, LoadKind.ATOMIC_ACQUIRE, StoreKind.ATOMIC_RELAXED, 2), ld(X, 3))), 4, X, Y, Z);
        for (String o : r.outcomes()) {
            assertTrue(o.endsWith("[3000]=2"), o);
        }
        assertTrue(r.executions() > 1000);
    }
}
