package io.mmulab.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mmulab.mmu.model.LoadKind;
import io.mmulab.mmu.model.MemorySystem;
import io.mmulab.mmu.model.ModelKind;
import io.mmulab.mmu.model.StoreKind;
import io.mmulab.mmu.tlb.Tlb;
import io.mmulab.mmu.tlb.TlbEntry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-access path of the machine allocates nothing once warm: a TLB hit translates the VA,
 * the store goes into the store buffer (and the CPU's view, as unicorn writes it), a load by the
 * same CPU forwards it, the scheduler lists the commit choices and commits one, and the other
 * CPU loads the value. Every guest access runs this, so one object per access would be garbage
 * at the emulator's access rate. Counted with the JVM's per-thread allocation counter: a single
 * allocation per access (16 bytes or more) fails it. (jmh's benchmarks give the B/op figures.)
 */
class AccessPathAllocationTest {
    private static final int ROUNDS = 100_000;
    private static final int PAGES = 8;
    private static final long VA = 0x0000_7f00_0000_0000L;
    private static final long LEAF = X86Pte.P | X86Pte.RW | X86Pte.US | X86Pte.A | X86Pte.D;

    private final X86Tables tables = X86Tables.small();
    private final Tlb tlb = new Tlb(0, 64);
    private int[] cpus;
    private long[] seqs;

    /** One access of each kind through page {@code i % PAGES}; returns what cpu 1 loaded. */
    private long access(MemorySystem ms, PhysicalMemory view0, PhysicalMemory view1, int i) {
        long va = VA + (long) (i % PAGES) * 4096 + 8L * (i & 7);
        TlbEntry e = tlb.lookup(va, 0, Privilege.USER);
        long pa = e.translate(va);
        ms.store(0, pa, 8, i, StoreKind.PLAIN);
        view0.writeSized(pa, 8, i);
        ms.load(0, pa, 8, LoadKind.PLAIN);
        long forwarded = view0.readSized(pa, 8);
        int n = ms.commitChoices(cpus, seqs);
        if (n > 0) {
            ms.commit(cpus[0], seqs[0]);
        }
        ms.load(1, pa, 8, LoadKind.ACQUIRE);
        return view1.readSized(pa, 8) + forwarded - i;
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void tlbHitStoreCommitAndLoadAllocateNothing(ModelKind model) {
        com.sun.management.ThreadMXBean bean = AllocationCounter.bean();
        assumeTrue(bean != null, "no per-thread allocation counter on this JVM");
        PageWalker walker = tables.walker();
        for (int p = 0; p < PAGES; p++) {
            long va = VA + p * 4096L;
            tables.map(va, 0x1000L * (p + 1), 1, LEAF);
            tlb.fill(walker.walk(va, AccessType.READ, Privilege.USER), Privilege.USER, 0, p);
        }
        try (MemoryViews views = MemoryViews.allocate(64 * 1024, 2)) {
            views.addCommitListener((cpu, pa, size, value) -> { });
            MemorySystem ms = new MemorySystem(views, model, 8);
            cpus = new int[ms.maxCommitChoices()];
            seqs = new long[ms.maxCommitChoices()];
            PhysicalMemory view0 = views.view(0);
            PhysicalMemory view1 = views.view(1);
            assertNotNull(tlb.lookup(VA, 0, Privilege.USER), "the pages are cached: every lookup hits");
            for (int i = 0; i < ROUNDS; i++) {
                access(ms, view0, view1, i); // warm up: let the JIT compile and link everything
            }
            long tid = Thread.currentThread().threadId();
            long before = bean.getThreadAllocatedBytes(tid);
            long sum = 0;
            for (int i = 0; i < ROUNDS; i++) {
                sum += access(ms, view0, view1, i);
            }
            long allocated = bean.getThreadAllocatedBytes(tid) - before;
            assertEquals((long) ROUNDS * (ROUNDS - 1) / 2, sum, "cpu 1 saw each store after its commit");
            assertTrue(allocated < ROUNDS, String.format("%s: %d bytes allocated in %d accesses (%.2f B/op)",
                    model, allocated, ROUNDS, allocated / (double) ROUNDS));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"TSO", "ARM"})
    void arrayCommitChoicesAgreeWithTheList(ModelKind model) {
        try (MemoryViews views = MemoryViews.allocate(64 * 1024, 2)) {
            MemorySystem ms = new MemorySystem(views, model, 4);
            ms.store(0, 0x1000, 8, 1, StoreKind.PLAIN);
            ms.store(0, 0x2000, 8, 2, StoreKind.PLAIN);
            ms.store(1, 0x1000, 4, 3, StoreKind.RELEASE);
            ms.store(1, 0x3000, 8, 4, StoreKind.RELEASE);
            int[] c = new int[ms.maxCommitChoices()];
            long[] s = new long[ms.maxCommitChoices()];
            int n = ms.commitChoices(c, s);
            List<io.mmulab.mmu.model.CommitChoice> list = ms.commitChoices();
            assertEquals(list.size(), n);
            for (int k = 0; k < n; k++) {
                assertEquals(list.get(k), new io.mmulab.mmu.model.CommitChoice(c[k], s[k]));
            }
            assertEquals(model == ModelKind.TSO ? 2 : 3, n);
        }
    }
}
