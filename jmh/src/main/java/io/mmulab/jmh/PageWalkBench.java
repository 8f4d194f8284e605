package io.mmulab.jmh;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.WalkResult;
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
 * The x86-64 page walker over a {@link io.mmulab.mmu.SegmentPhysicalMemory}: what every TLB miss
 * pays. A walk builds its {@link WalkResult} and entry chain, so it allocates by design (it is
 * the miss path; hits go through the TLB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class PageWalkBench {
    private final X86Fixture fx = new X86Fixture();
    private PageWalker walker;
    private int i;

    @Setup
    public void setUp() {
        walker = fx.walker();
    }

    private long next4k() {
        i = (i + 1) & (X86Fixture.PAGES - 1);
        return X86Fixture.VA + (long) i * 4096;
    }

    /** Four levels to a 4 KiB page. */
    @Benchmark
    public WalkResult walk4k() {
        return walker.walk(next4k(), AccessType.READ, Privilege.USER);
    }

    /** Three levels to a 2 MiB page. */
    @Benchmark
    public WalkResult walk2m() {
        return walker.walk(X86Fixture.VA_2M + ((long) (i++ & 511) << 12), AccessType.READ, Privilege.USER);
    }

    /** Four levels to a not-present entry: a #PF. */
    @Benchmark
    public WalkResult walkFault() {
        return walker.walk(X86Fixture.VA_UNMAPPED, AccessType.READ, Privilege.USER);
    }

    /** What a hardware walker does (the fill hook's walk): A/D already set, so no CAS succeeds or is needed. */
    @Benchmark
    public WalkResult walkAndUpdate4k() {
        return walker.walkAndUpdate(next4k(), AccessType.WRITE, Privilege.USER);
    }
}
