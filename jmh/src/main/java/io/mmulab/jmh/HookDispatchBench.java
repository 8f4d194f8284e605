package io.mmulab.jmh;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.unicorn.Arm64Reg;
import io.mmulab.emulator.unicorn.Reg;
import io.mmulab.emulator.unicorn.Uc;
import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.emulator.unicorn.X86Reg;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Memory-hook dispatch: unicorn calling into Java (FFM upcall, {@code Upcalls.mem}, the registry
 * lookup, the {@link io.mmulab.emulator.unicorn.MemHook}) for every guest data access. One op is
 * one iteration of a five-instruction guest loop with one load and one store of the same word
 * (the loop of emulator's UnicornHookCostBench), so with hooks one op is two upcalls:
 * (hooked - plain) / 2 is the cost of one. {@code hooksReadingPc} adds the PC read every
 * access hook of the machine does (VcpuHooks.onAccess), a downcall from inside the upcall.
 * Needs libunicorn (scripts/bootstrap; ./mmulab exports MMULAB_UNICORN).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class HookDispatchBench {
    private static final int ITERS = 100_000;
    private static final long CODE = 0x1000;
    private static final long DATA = 0x2000;

    @Param({"X86_64", "ARM64"})
    public Arch arch;

    @Param({"none", "mem", "memReadsPc"})
    public String hooks;

    private Arena arena;
    private Unicorn uc;
    private long end;
    private Reg counter;
    private long sink;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        MemorySegment ram = arena.allocate(2L << 20, 4096);
        uc = Unicorn.open(arch);
        uc.memMapPtr(0, ram, Uc.PROT_ALL);
        byte[] code;
        if (arch == Arch.X86_64) {
            // 1: mov (%rbx),%rax; add $1,%rax; mov %rax,(%rbx); dec %rcx; jnz 1b
            code = new byte[] {0x48, (byte) 0x8b, 0x03, 0x48, (byte) 0x83, (byte) 0xc0, 0x01, 0x48, (byte) 0x89, 0x03,
                0x48, (byte) 0xff, (byte) 0xc9, 0x75, (byte) 0xf1};
            counter = X86Reg.RCX;
            uc.writeReg(X86Reg.RBX, DATA);
        } else {
            // 1: ldr x0,[x1]; add x0,x0,#1; str x0,[x1]; subs x2,x2,#1; b.ne 1b
            int[] words = {0xf9400020, 0x91000400, 0xf9000020, 0xf1000442, 0x54ffff81};
            code = new byte[words.length * 4];
            for (int i = 0; i < code.length; i++) {
                code[i] = (byte) (words[i / 4] >>> (8 * (i % 4)));
            }
            counter = Arm64Reg.X2;
            uc.writeReg(Arm64Reg.X1, DATA);
        }
        MemorySegment.copy(code, 0, ram, ValueLayout.JAVA_BYTE, CODE, code.length);
        end = CODE + code.length;
        Reg pc = arch == Arch.X86_64 ? X86Reg.RIP : Arm64Reg.PC;
        switch (hooks) {
            case "none" -> { }
            case "mem" -> uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, DATA, DATA + 7, (t, a, s, v) -> sink++);
            case "memReadsPc" -> uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, DATA, DATA + 7,
                    (t, a, s, v) -> sink += uc.readReg(pc));
            default -> throw new IllegalArgumentException("hooks: none, mem or memReadsPc, not " + hooks);
        }
    }

    @TearDown
    public void tearDown() {
        uc.close();
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(ITERS)
    public long loopIteration() {
        uc.writeReg(counter, ITERS);
        uc.emuStart(CODE, end, 0, 0);
        return sink;
    }
}
