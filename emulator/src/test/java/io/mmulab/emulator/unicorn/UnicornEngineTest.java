package io.mmulab.emulator.unicorn;

import static io.mmulab.emulator.unicorn.TestMachine.CODE;
import static io.mmulab.emulator.unicorn.TestMachine.DATA;
import static io.mmulab.emulator.unicorn.TestMachine.arm64;
import static io.mmulab.emulator.unicorn.TestMachine.x86;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.emulator.Arch;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour common to both architectures. */
class UnicornEngineTest {

    /*  x86: mov $0x2000,%edi; xor %eax,%eax; mov $10,%ecx;
     *  1: add $1,%rax; mov %rax,(%rdi); add $8,%rdi; dec %ecx; jnz 1b                           */
    static final byte[] X86_LOOP = x86("bf 00 20 00 00  31 c0  b9 0a 00 00 00  48 83 c0 01  48 89 07"
            + "  48 83 c7 08  ff c9  75 f1");
    /*  arm64: mov x1,#0x2000; mov x0,#0; mov x2,#10;
     *  1: add x0,x0,#1; str x0,[x1],#8; subs x2,x2,#1; b.ne 1b                                  */
    static final byte[] ARM_LOOP = arm64(0xd2840001, 0xd2800000, 0xd2800142,
            0x91000400, 0xf8008420, 0xf1000442, 0x54ffffa1);

    /* x86: 8 x inc %rax (48 ff c0);  arm64: 8 x add x0,x0,#1 */
    static final byte[] X86_INCS = x86("48 ff c0 ".repeat(8));
    static final byte[] ARM_INCS = arm64(0x91000400, 0x91000400, 0x91000400, 0x91000400,
            0x91000400, 0x91000400, 0x91000400, 0x91000400);

    static Reg acc(Arch a) {
        return a == Arch.X86_64 ? X86Reg.RAX : Arm64Reg.X0;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void openAndCloseIdempotently(Arch arch) {
        Unicorn u = Unicorn.open(arch);
        assertEquals(arch, u.arch());
        assertFalse(u.isClosed());
        u.close();
        assertTrue(u.isClosed());
        u.close(); // idempotent
        var e = assertThrows(IllegalStateException.class, () -> u.readReg(acc(arch)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> u.emuStart(0x1000, 0x2000, 0, 0));
        assertThrows(IllegalStateException.class, u::flushTlb);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void registerOfTheOtherArchIsRejectedBeforeReachingUnicorn(Arch arch) {
        try (Unicorn u = Unicorn.open(arch)) {
            Reg foreign = arch == Arch.X86_64 ? Arm64Reg.X0 : X86Reg.RAX;
            assertThrows(IllegalArgumentException.class, () -> u.readReg(foreign));
            assertThrows(IllegalArgumentException.class, () -> u.writeReg(foreign, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void guestLoopWritesIntoTheCallersSegment(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            long end = m.load(arch == Arch.X86_64 ? X86_LOOP : ARM_LOOP);
            m.ramLong(DATA + 80, 0xfeedL); // just past what the loop writes: must survive
            m.uc.emuStart(CODE, end, 0, 0);
            assertEquals(10, m.uc.readReg(acc(arch)));
            assertEquals(end, m.uc.readReg(m.pcReg()));
            assertEquals(end, m.uc.pc());
            Reg ptr = arch == Arch.X86_64 ? X86Reg.RDI : Arm64Reg.X1;
            assertEquals(DATA + 80, m.uc.readReg(ptr));
            for (int i = 0; i < 10; i++) {
                assertEquals(i + 1, m.ramLong(DATA + 8L * i), "word " + i + " in the backing segment");
                assertEquals(i + 1, m.uc.memReadLong(DATA + 8L * i), "word " + i + " through uc_mem_read");
            }
            assertEquals(0xfeedL, m.ramLong(DATA + 80));
            // host -> guest: the segment is the guest's memory
            m.ramLong(DATA + 0x100, 0x1234);
            assertEquals(0x1234, m.uc.memReadLong(DATA + 0x100));
            byte[] copy = m.uc.memRead(DATA, 16);
            assertEquals(1, copy[0]);
            assertEquals(2, copy[8]);
            m.uc.memWrite(DATA + 0x200, new byte[] {7, 0, 0, 0, 0, 0, 0, 0});
            assertEquals(7, m.ramLong(DATA + 0x200));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void countLimitedRunExecutesExactlyNInstructions(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            long end = m.load(arch == Arch.X86_64 ? X86_INCS : ARM_INCS);
            int insnSize = arch == Arch.X86_64 ? 3 : 4;
            m.uc.emuStart(CODE, end, 0, 3);
            assertEquals(3, m.uc.readReg(acc(arch)));
            assertEquals(CODE + 3L * insnSize, m.uc.pc());
            m.uc.emuStart(m.uc.pc(), end, 0, 1);
            assertEquals(4, m.uc.readReg(acc(arch)));
            m.uc.emuStart(m.uc.pc(), end, 0, 0);
            assertEquals(8, m.uc.readReg(acc(arch)));
            assertEquals(end, m.uc.pc());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void contextSaveRestoreRoundTripsRegisters(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            Reg a = acc(arch);
            Reg sp = arch == Arch.X86_64 ? X86Reg.RSP : Arm64Reg.SP;
            Reg sys = arch == Arch.X86_64 ? X86Reg.CR3 : Arm64Reg.TTBR0_EL1;
            m.uc.writeReg(a, 0x1111);
            m.uc.writeReg(sp, 0x8000);
            m.uc.writeReg(sys, 0x5000);
            try (Context c = m.uc.saveContext()) {
                assertEquals(arch, c.arch());
                m.uc.writeReg(a, 0x2222);
                m.uc.writeReg(sp, 0x9000);
                m.uc.writeReg(sys, 0x6000);
                m.uc.restoreContext(c);
                assertEquals(0x1111, m.uc.readReg(a));
                assertEquals(0x8000, m.uc.readReg(sp));
                assertEquals(0x5000, m.uc.readReg(sys));
                // reuse the same context without allocating
                m.uc.writeReg(a, 0x3333);
                m.uc.saveContext(c);
                m.uc.writeReg(a, 0);
                m.uc.restoreContext(c);
                assertEquals(0x3333, m.uc.readReg(a));
                // a context restores into another engine of the same arch (checkpoint replay)
                try (Unicorn other = Unicorn.open(arch)) {
                    other.restoreContext(c);
                    assertEquals(0x3333, other.readReg(a));
                    assertEquals(0x5000, other.readReg(sys));
                }
            }
            Context closed = m.uc.saveContext();
            closed.close();
            closed.close();
            assertTrue(closed.isClosed());
            assertThrows(IllegalStateException.class, () -> m.uc.restoreContext(closed));
        }
    }

    @Test
    void contextOfTheOtherArchIsRejected() {
        try (Unicorn x = Unicorn.open(Arch.X86_64); Unicorn a = Unicorn.open(Arch.ARM64);
                Context cx = x.saveContext()) {
            assertThrows(IllegalArgumentException.class, () -> a.restoreContext(cx));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void throwingHookSurfacesAsHookFailedExceptionAndEngineStaysUsable(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            long end = m.load(arch == Arch.X86_64 ? X86_LOOP : ARM_LOOP);
            int[] calls = {0};
            IllegalStateException boom = new IllegalStateException("boom");
            Hook h = m.uc.hookMem(Uc.HOOK_MEM_WRITE, DATA, DATA + 0xfff, (t, addr, size, v) -> {
                calls[0]++;
                if (addr == DATA + 16) {
                    throw boom;
                }
            });
            var e = assertThrows(HookFailedException.class, () -> m.uc.emuStart(CODE, end, 0, 0));
            assertSame(boom, e.getCause());
            assertTrue(e.getMessage().contains("mem hook") && e.getMessage().contains("boom"), e.getMessage());
            assertEquals(3, calls[0], "the engine stopped at the failing access");
            assertEquals(2, m.ramLong(DATA + 8));
            assertEquals(0, m.ramLong(DATA + 24), "nothing ran after the failure");
            // usable afterwards: the failure is not reported twice, the run can be resumed
            m.uc.removeHook(h);
            assertFalse(h.isActive());
            m.uc.removeHook(h); // no-op
            m.uc.emuStart(m.uc.pc(), end, 0, 0);
            assertEquals(10, m.ramLong(DATA + 72));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void hookThrowingAnErrorIsContainedToo(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            long end = m.load(arch == Arch.X86_64 ? X86_INCS : ARM_INCS);
            m.uc.hookCode(CODE, CODE, (addr, size) -> {
                throw new AssertionError("from a code hook");
            });
            var e = assertThrows(HookFailedException.class, () -> m.uc.emuStart(CODE, end, 0, 0));
            assertInstanceOf(AssertionError.class, e.getCause());
        }
        // the JVM is alive and another engine works
        try (TestMachine m = new TestMachine(arch)) {
            long end = m.load(arch == Arch.X86_64 ? X86_INCS : ARM_INCS);
            m.uc.emuStart(CODE, end, 0, 0);
            assertEquals(8, m.uc.readReg(acc(arch)));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void closeFromInsideAHookIsRefusedAndReportedAsHookFailure(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            long end = m.load(arch == Arch.X86_64 ? X86_INCS : ARM_INCS);
            m.uc.hookCode(CODE, CODE, (addr, size) -> m.uc.close());
            var e = assertThrows(HookFailedException.class, () -> m.uc.emuStart(CODE, end, 0, 0));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertFalse(m.uc.isClosed());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void badMappingsAreUnicornExceptionsWithTheirCode(Arch arch) {
        try (TestMachine m = new TestMachine(arch); Arena a = Arena.ofConfined()) {
            var overlap = assertThrows(UnicornException.class, () -> m.uc.memMap(0x1000, 0x1000, Uc.PROT_ALL));
            assertEquals(Uc.ERR_MAP, overlap.code());
            assertEquals("UC_ERR_MAP", overlap.errorName());
            assertTrue(overlap.getMessage().contains("uc_mem_map(0x1000") && overlap.getMessage().contains("UC_ERR_MAP"),
                    overlap.getMessage());
            var unaligned = assertThrows(UnicornException.class, () -> m.uc.memMap(0x400123, 0x1000, Uc.PROT_ALL));
            assertEquals(Uc.ERR_ARG, unaligned.code());
            assertThrows(IllegalArgumentException.class, () -> m.uc.memMapPtr(0x400000, a.allocate(100), Uc.PROT_ALL));
            assertThrows(IllegalArgumentException.class,
                    () -> m.uc.memMapPtr(0x400000, java.lang.foreign.MemorySegment.ofArray(new byte[4096]), Uc.PROT_ALL));
            var unmapped = assertThrows(UnicornException.class, () -> m.uc.memRead(0x10_0000_0000L, 8));
            assertEquals(Uc.ERR_READ_UNMAPPED, unmapped.code());
            // map, use and unmap an extra region
            m.uc.memMapPtr(0x400000, a.allocate(0x2000, 4096), Uc.PROT_READ | Uc.PROT_WRITE);
            m.uc.memWriteLong(0x401000, 42);
            assertEquals(42, m.uc.memReadLong(0x401000));
            m.uc.memUnmap(0x400000, 0x2000);
            assertThrows(UnicornException.class, () -> m.uc.memReadLong(0x401000));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fetchFromUnmappedMemoryIsAnEmuStartError(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            var e = assertThrows(UnicornException.class, () -> m.uc.emuStart(0x7000_0000L, 0x7000_1000L, 0, 0));
            assertEquals(Uc.ERR_FETCH_UNMAPPED, e.code());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void hookMemRejectsTypesThatNeedABoolCallback(Arch arch) {
        try (Unicorn u = Unicorn.open(arch)) {
            assertThrows(IllegalArgumentException.class,
                    () -> u.hookMem(Uc.HOOK_MEM_READ_UNMAPPED, 1, 0, (t, a, s, v) -> { }));
            assertThrows(IllegalArgumentException.class, () -> u.hookMemInvalid(Uc.HOOK_MEM_READ, 1, 0, (t, a, s, v) -> true));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void invalidAccessHookCanMapTheMissingPage(Arch arch) {
        try (TestMachine m = new TestMachine(arch)) {
            // x86: mov (%rbx),%rax ; arm64: ldr x0,[x1]
            long end = m.load(arch == Arch.X86_64 ? x86("48 8b 03") : arm64(0xf9400020));
            m.uc.writeReg(arch == Arch.X86_64 ? X86Reg.RBX : Arm64Reg.X1, 0x800008);
            List<String> seen = new ArrayList<>();
            m.uc.hookMemInvalid(Uc.HOOK_MEM_UNMAPPED, 1, 0, (t, a, s, v) -> {
                seen.add(t + "@" + Long.toHexString(a) + "/" + s);
                m.uc.memMap(0x800000, 0x1000, Uc.PROT_ALL);
                m.uc.memWriteLong(0x800008, 99);
                return true;
            });
            m.uc.emuStart(CODE, end, 0, 0);
            assertEquals(List.of("READ_UNMAPPED@800008/8"), seen);
            assertEquals(99, m.uc.readReg(acc(arch)));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void hooksAreReleasedOnClose(Arch arch) {
        Hook h;
        try (Unicorn u = Unicorn.open(arch)) {
            h = u.hookCode(1, 0, (a, s) -> { });
            assertTrue(h.isActive());
        }
        assertFalse(h.isActive());
    }
}
