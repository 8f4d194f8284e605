package io.mmulab.emulator.unicorn;

import static io.mmulab.emulator.unicorn.TestMachine.CODE;
import static io.mmulab.emulator.unicorn.TestMachine.DATA;
import static io.mmulab.emulator.unicorn.TestMachine.arm64;
import static io.mmulab.emulator.unicorn.TestMachine.x86;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mmulab.emulator.Arch;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cost of the hook path through this binding, printed, not asserted (timings are not tests).
 * Its name keeps it out of surefire's default includes; run it explicitly:
 * {@code mvn -pl emulator -am test -Dtest=UnicornHookCostBench -Dmmulab.bench=true -Dsurefire.failIfNoSpecifiedTests=false}. The loop is five instructions with one load and one
 * store of the same word: x86 {@code 1: mov (%rbx),%rax; add $1,%rax; mov %rax,(%rbx);
 * dec %rcx; jnz 1b} (48 8b 03 48 83 c0 01 48 89 03 48 ff c9 75 f1), arm64 {@code 1: ldr x0,[x1];
 * add x0,x0,#1; str x0,[x1]; subs x2,x2,#1; b.ne 1b}.
 */
@EnabledIfSystemProperty(named = "mmulab.bench", matches = "true")
class UnicornHookCostBench {
    static final int ITERS = 2_000_000;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void hookedLoop(Arch arch) {
        System.out.println("== " + arch);
        run(arch, "plain", false, false, false);
        run(arch, "2 mem-hook upcalls/iter", true, false, false);
        run(arch, "2 mem-hook upcalls/iter, hook reads PC", true, true, false);
        run(arch, "TLB virtual + fill hook", false, false, true);
        run(arch, "TLB virtual + fill hook + 2 mem-hook upcalls/iter", true, false, true);
        try (TestMachine m = new TestMachine(arch)) {
            Reg r = arch == Arch.X86_64 ? X86Reg.RAX : Arm64Reg.X0;
            Reg sys = arch == Arch.X86_64 ? X86Reg.CR3 : Arm64Reg.TCR_EL1;
            long sink = 0;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 1_000_000; i++) {
                    m.uc.writeReg(r, i);
                    sink += m.uc.readReg(r);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < 1_000_000; i++) {
                    sink += m.uc.readReg(sys);
                }
                long t2 = System.nanoTime();
                if (round == 4) {
                    System.out.printf("  writeReg+readReg GPR: %.1f ns/pair; readReg %s: %.1f ns%n",
                            (t1 - t0) / 1e6, sys, (t2 - t1) / 1e6);
                }
            }
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static void run(Arch arch, String label, boolean memHooks, boolean readPc, boolean tlb) {
        try (TestMachine m = new TestMachine(arch)) {
            long end;
            Reg counter;
            if (arch == Arch.X86_64) {
                end = m.load(x86("48 8b 03  48 83 c0 01  48 89 03  48 ff c9  75 f1"));
                counter = X86Reg.RCX;
                m.uc.writeReg(X86Reg.RBX, DATA);
            } else {
                end = m.load(arm64(0xf9400020, 0x91000400, 0xf9000020, 0xf1000442, 0x54ffff81));
                counter = Arm64Reg.X2;
                m.uc.writeReg(Arm64Reg.X1, DATA);
            }
            long[] sink = {0};
            if (memHooks) {
                Reg pc = m.pcReg();
                m.uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, DATA, DATA + 7, readPc
                        ? (t, a, s, v) -> sink[0] += m.uc.readReg(pc)
                        : (t, a, s, v) -> sink[0]++);
            }
            if (tlb) {
                m.uc.setTlbMode(true);
                m.uc.hookTlbFill((vaddr, access, e) -> {
                    e.set(vaddr, Uc.PROT_ALL);
                    return true;
                });
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                m.ramLong(DATA, 0);
                m.uc.writeReg(counter, ITERS);
                long t0 = System.nanoTime();
                m.uc.emuStart(CODE, end, 0, 0);
                long t1 = System.nanoTime();
                assertEquals(ITERS, m.ramLong(DATA));
                best = Math.min(best, (t1 - t0) / (double) ITERS);
            }
            System.out.printf("  %-50s %6.1f ns/iter%n", label, best);
        }
    }
}
