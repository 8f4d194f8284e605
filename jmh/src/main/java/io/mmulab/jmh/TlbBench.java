package io.mmulab.jmh;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.tlb.Tlb;
import io.mmulab.mmu.tlb.TlbEntry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The vCPU's TLB model, which the TLB-fill hook asks before walking (VcpuHooks.fillTlb). Sized
 * like the machine's (Machine.TLB_CAPACITY); the VA rotates over {@link X86Fixture#PAGES}
 * pages so the hash chains are those of a populated TLB, not of one entry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class TlbBench {
    private static final int CAPACITY = 4096;
    private static final int ASID = 0;

    private final X86Fixture fx = new X86Fixture();
    private PageWalker walker;
    private Tlb tlb;
    /** A TLB with room for one entry: every fill evicts, as a full TLB does. */
    private Tlb small;
    private int i;
    private long step;

    @Setup
    public void setUp() {
        walker = fx.walker();
        tlb = new Tlb(0, CAPACITY);
        small = new Tlb(0, 1);
        for (int p = 0; p < X86Fixture.PAGES; p++) {
            WalkResult r = walker.walk(va(p), AccessType.READ, Privilege.USER);
            tlb.fill(r, Privilege.USER, ASID, p);
        }
    }

    private static long va(int page) {
        return X86Fixture.VA + (long) page * 4096 + 0x88;
    }

    /** The common case: the page is cached. */
    @Benchmark
    public TlbEntry lookupHit() {
        i = (i + 1) & (X86Fixture.PAGES - 1);
        return tlb.lookup(va(i), ASID, Privilege.USER);
    }

    /** A page not cached (the same populated TLB): the lookup alone, before the walk. */
    @Benchmark
    public TlbEntry lookupMiss() {
        i = (i + 1) & (X86Fixture.PAGES - 1);
        return tlb.lookup(va(i) + ((long) X86Fixture.PAGES << 12), ASID, Privilege.USER);
    }

    /** The whole miss: lookup, walk with A/D update, fill evicting the previous entry. */
    @Benchmark
    public TlbEntry missWalkAndFill() {
        i = (i + 1) & (X86Fixture.PAGES - 1);
        long va = va(i);
        TlbEntry e = small.lookup(va, ASID, Privilege.USER);
        if (e != null) {
            return e;
        }
        WalkResult r = walker.walkAndUpdate(va, AccessType.READ, Privilege.USER);
        return small.fill(r, Privilege.USER, ASID, ++step);
    }
}
