package io.mmulab.emulator.unicorn;

import static io.mmulab.emulator.unicorn.TestMachine.CODE;
import static io.mmulab.emulator.unicorn.TestMachine.DATA;
import static io.mmulab.emulator.unicorn.TestMachine.arm64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.emulator.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Arm64UnicornTest {
    TestMachine m;
    Unicorn uc;

    @BeforeEach
    void open() {
        m = new TestMachine(Arch.ARM64);
        uc = m.uc;
    }

    @AfterEach
    void close() {
        m.close();
    }

    record Access(MemAccess type, long address, int size, long value, long pc) {}

    /*
     * 0x1000 d2840001  mov   x1, #0x2000
     * 0x1004 d28000a2  mov   x2, #5
     * 0x1008 f9400020  ldr   x0, [x1]
     * 0x100c f9000420  str   x0, [x1, #8]
     * 0x1010 f8220023  ldadd x2, x3, [x1]
     * 0x1014 c8a47c25  cas   x4, x5, [x1]
     * 0x1018 d503201f  nop
     */
    static final byte[] MEM = arm64(0xd2840001, 0xd28000a2, 0xf9400020, 0xf9000420, 0xf8220023, 0xc8a47c25, 0xd503201f);

    @Test
    void memoryHooksReportTypeAddressSizeValueAndExactPc() {
        long end = m.load(MEM);
        m.ramLong(DATA, 1000);
        List<Access> seen = new ArrayList<>();
        uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, DATA, DATA + 0xfff,
                (t, a, s, v) -> seen.add(new Access(t, a, s, t == MemAccess.WRITE ? v : 0, uc.readReg(Arm64Reg.PC))));
        uc.emuStart(CODE, end - 4, 0, 0);
        assertEquals(List.of(
                new Access(MemAccess.READ, DATA, 8, 0, 0x1008),
                new Access(MemAccess.WRITE, DATA + 8, 8, 1000, 0x100c),
                new Access(MemAccess.READ, DATA, 8, 0, 0x1010),     // ldadd (LSE, cpu MAX): read ...
                new Access(MemAccess.WRITE, DATA, 8, 1005, 0x1010), // ... then write
                new Access(MemAccess.READ, DATA, 8, 0, 0x1014),     // failing cas: read ...
                new Access(MemAccess.WRITE, DATA, 8, 1005, 0x1014)), // ... and a write of the old value
                seen);
        assertEquals(1000, uc.readReg(Arm64Reg.X3));
        assertEquals(1005, uc.readReg(Arm64Reg.X4), "cas returned the current value");
        assertEquals(1005, m.ramLong(DATA));
    }

    @Test
    void stopInsideAMemoryHookAbandonsTheInstructionWhichReExecutes() {
        // the post-indexed store of the loop: an abandoned str must not have done its writeback
        long end = m.load(UnicornEngineTest.ARM_LOOP);
        List<Long> pcs = new ArrayList<>();
        uc.hookMem(Uc.HOOK_MEM_WRITE, DATA + 16, DATA + 23, (t, a, s, v) -> {
            pcs.add(uc.pc());
            if (pcs.size() == 1) {
                uc.emuStop();
            }
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of(0x1010L), pcs);
        assertEquals(0x1010, uc.pc());
        assertEquals(DATA + 16, uc.readReg(Arm64Reg.X1), "no writeback from the abandoned store");
        uc.emuStart(uc.pc(), end, 0, 0);
        assertEquals(List.of(0x1010L, 0x1010L), pcs);
        for (int i = 0; i < 10; i++) {
            assertEquals(i + 1, m.ramLong(DATA + 8L * i));
        }
    }

    /*
     * 0x1000 d2800020  mov x0, #1
     * 0x1004 d4000002  hvc #0
     * 0x1008 91000401  add x1, x0, #1
     * 0x100c d503201f  nop
     */
    static final byte[] HVC = arm64(0xd2800020, 0xd4000002, 0x91000401, 0xd503201f);

    @Test
    void writingPcInACodeHookSkipsHvc() {
        long end = m.load(HVC);
        List<Integer> intr = new ArrayList<>();
        uc.hookInterrupt(intr::add);
        List<Long> hits = new ArrayList<>();
        uc.hookCode(0x1004, 0x1004, (addr, size) -> {
            hits.add(addr);
            uc.writeReg(Arm64Reg.PC, addr + 4);
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of(0x1004L), hits);
        assertEquals(List.of(), intr, "the skipped hvc raised nothing");
        assertEquals(2, uc.readReg(Arm64Reg.X1));
        assertEquals(end, uc.pc());
    }

    @Test
    void hvcAtEl1IsUndefAndLeavesPcOnTheInstruction() {
        long end = m.load(HVC);
        List<Long> at = new ArrayList<>();
        uc.hookInterrupt(n -> {
            assertEquals(1, n, "EXCP_UDEF");
            at.add(uc.pc());
            uc.writeReg(Arm64Reg.PC, uc.pc() + 4); // without this the hvc would raise forever
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of(0x1004L), at);
        assertEquals(2, uc.readReg(Arm64Reg.X1));
    }

    @Test
    void brkArrivesAsAnInterrupt() {
        // 0x1000 d4200000 brk #0 ; 0x1004 nop
        long end = m.load(arm64(0xd4200000, 0xd503201f));
        List<Integer> intr = new ArrayList<>();
        uc.hookInterrupt(n -> {
            intr.add(n);
            uc.emuStop();
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of(7), intr, "EXCP_BKPT");
        assertEquals(0x1000, uc.pc());
    }

    /*
     * 0x1000 f9400020  ldr x0, [x1]
     * 0x1004 f9000420  str x0, [x1, #8]
     * 0x1008 d503201f  nop
     */
    static final long KBASE = 0xffffffff80000000L;

    @Test
    void tlbFillMapsAHighAddressAndMemHooksSeePhysical() {
        long end = m.load(arm64(0xf9400020, 0xf9000420, 0xd503201f));
        m.ramLong(DATA, 0x99);
        uc.setTlbMode(true);
        uc.writeReg(Arm64Reg.X1, KBASE + DATA);
        List<String> fills = new ArrayList<>();
        uc.hookTlbFill((vaddr, access, e) -> {
            fills.add(Long.toHexString(vaddr) + " " + access);
            e.set(Long.compareUnsigned(vaddr, KBASE) >= 0 ? vaddr - KBASE : vaddr, Uc.PROT_ALL);
            return true;
        });
        List<Long> addrs = new ArrayList<>();
        uc.hookMem(Uc.HOOK_MEM_WRITE, 0, 0xffff, (t, a, s, v) -> addrs.add(a));
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(0x99, m.ramLong(DATA + 8));
        assertTrue(fills.contains("ffffffff80002000 READ"), fills.toString());
        assertEquals(List.of(DATA + 8), addrs);
    }

    @Test
    void tlbFillReturningFalseEndsEmulationWithAnError() {
        long end = m.load(arm64(0xf9400020, 0xf9000420, 0xd503201f));
        uc.setTlbMode(true);
        uc.writeReg(Arm64Reg.X1, KBASE + DATA);
        uc.hookTlbFill((vaddr, access, e) -> {
            if (Long.compareUnsigned(vaddr, KBASE) >= 0) {
                return false;
            }
            e.set(vaddr, Uc.PROT_ALL);
            return true;
        });
        // the run ends with the PC on the access; no data abort reaches the interrupt hook
        List<Integer> intr = new ArrayList<>();
        uc.hookInterrupt(intr::add);
        var ex = assertThrows(UnicornException.class, () -> uc.emuStart(CODE, end, 0, 0));
        assertEquals(Uc.ERR_EXCEPTION, ex.code(), ex.getMessage());
        assertEquals(CODE, uc.pc());
        assertEquals(List.of(), intr);
        assertEquals(0, uc.readReg(Arm64Reg.FAR_EL1));
    }

    @Test
    void initialState() {
        assertEquals(0x4, uc.readReg(Arm64Reg.CURRENT_EL), "EL1");
        assertEquals(0x3c0, uc.readReg(Arm64Reg.DAIF), "all exceptions masked");
        assertEquals(0x400003c5L, uc.readReg(Arm64Reg.PSTATE), "Z, DAIF, EL1h");
        assertEquals(0x80000000L, uc.readReg(Arm64Reg.MPIDR_EL1));
        assertEquals(0xc50838L, uc.readReg(Arm64Reg.SCTLR_EL1), "MMU off");
    }

    @Test
    void systemRegistersRoundTrip() {
        long[] values = {0x40000000L, 0x0001000041000000L, 0x00000032b5193519L, 0x000000ff440c0400L,
            0xffff800010000800L, 0xffff000012345678L, 0x3c5, 0xffffff8000001000L, 0x96000045L, 0xdeadbeef000L};
        Arm64Reg[] regs = {Arm64Reg.TTBR0_EL1, Arm64Reg.TTBR1_EL1, Arm64Reg.TCR_EL1, Arm64Reg.MAIR_EL1,
            Arm64Reg.VBAR_EL1, Arm64Reg.ELR_EL1, Arm64Reg.SPSR_EL1, Arm64Reg.FAR_EL1, Arm64Reg.ESR_EL1,
            Arm64Reg.TPIDR_EL1};
        for (int i = 0; i < regs.length; i++) {
            uc.writeReg(regs[i], values[i]);
        }
        for (int i = 0; i < regs.length; i++) {
            assertEquals(values[i], uc.readReg(regs[i]), regs[i].name());
        }
        long sctlr = uc.readReg(Arm64Reg.SCTLR_EL1) | 1; // M: MMU on
        uc.writeReg(Arm64Reg.SCTLR_EL1, sctlr);
        assertEquals(sctlr, uc.readReg(Arm64Reg.SCTLR_EL1));
        uc.writeReg(Arm64Reg.SP_EL0, 0x7000);
        uc.writeReg(Arm64Reg.SP_EL1, 0x8000);
        assertEquals(0x7000, uc.readReg(Arm64Reg.SP_EL0));
        assertEquals(0x8000, uc.readReg(Arm64Reg.SP_EL1));
        uc.writeReg(Arm64Reg.CPACR_EL1, 3L << 20);
        assertEquals(3L << 20, uc.readReg(Arm64Reg.CPACR_EL1));
        for (int i = 0; i <= 30; i++) {
            uc.writeReg(Arm64Reg.x(i), 0x5000_0000_0000_0000L + i);
        }
        for (int i = 0; i <= 30; i++) {
            assertEquals(0x5000_0000_0000_0000L + i, uc.readReg(Arm64Reg.x(i)), "X" + i);
        }
        assertThrows(UnsupportedOperationException.class, () -> uc.writeReg(Arm64Reg.MPIDR_EL1, 1));
        assertThrows(UnsupportedOperationException.class, () -> uc.writeReg(Arm64Reg.CURRENT_EL, 0));
    }

    @Test
    void daifIsVisibleBothWaysAndInPstate() {
        uc.writeReg(Arm64Reg.DAIF, 0);
        assertEquals(0, uc.readReg(Arm64Reg.DAIF));
        assertEquals(0x40000005L, uc.readReg(Arm64Reg.PSTATE));
        // 0x1000 d53b4220 mrs x0, daif ; 0x1004 d5034fdf msr daifset, #0xf ; 0x1008 d53b4221 mrs x1, daif
        // 0x100c d5384242 mrs x2, currentel
        long end = m.load(arm64(0xd53b4220, 0xd5034fdf, 0xd53b4221, 0xd5384242));
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(0, uc.readReg(Arm64Reg.X0));
        assertEquals(0x3c0, uc.readReg(Arm64Reg.X1));
        assertEquals(0x4, uc.readReg(Arm64Reg.X2));
        assertEquals(0x3c0, uc.readReg(Arm64Reg.DAIF));
        uc.writeReg(Arm64Reg.DAIF, 0x80); // only I masked
        assertEquals(0x80, uc.readReg(Arm64Reg.PSTATE) & 0x3c0);
    }

    /*
     * 0x1000 d53800a3  mrs  x3, mpidr_el1
     * 0x1004 d538d084  mrs  x4, tpidr_el1
     * 0x1008 d518d083  msr  tpidr_el1, x3
     * 0x100c d508831f  tlbi vmalle1is
     * 0x1010 d503201f  nop
     */
    @Test
    void sysHooksVirtualiseMpidrAndSeeTlbi() {
        long end = m.load(arm64(0xd53800a3, 0xd538d084, 0xd518d083, 0xd508831f, 0xd503201f));
        uc.writeReg(Arm64Reg.TPIDR_EL1, 0x1234);
        List<String> mrs = new ArrayList<>();
        uc.hookArm64Sys(Uc.ARM64_INS_MRS, 1, 0, (rt, op0, op1, crn, crm, op2, value) -> {
            mrs.add("x" + rt + " " + op0 + "," + op1 + ",c" + crn + ",c" + crm + "," + op2 + " @" + Long.toHexString(uc.pc()));
            if (op0 == 3 && op1 == 0 && crn == 0 && crm == 0 && op2 == 5) {
                uc.writeReg(Arm64Reg.x(rt), 0x80000002L); // this vCPU is affinity 2
                return true;
            }
            return false;
        });
        List<Long> msrValues = new ArrayList<>();
        uc.hookArm64Sys(Uc.ARM64_INS_MSR, 1, 0, (rt, op0, op1, crn, crm, op2, value) -> {
            msrValues.add(value);
            return false;
        });
        List<String> sys = new ArrayList<>();
        uc.hookArm64Sys(Uc.ARM64_INS_SYS, 1, 0, (rt, op0, op1, crn, crm, op2, value) -> {
            sys.add(op0 + "," + op1 + ",c" + crn + ",c" + crm + "," + op2 + " rt" + rt);
            return false;
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of("x3 3,0,c0,c0,5 @1000", "x4 3,0,c13,c0,4 @1004"), mrs);
        assertEquals(0x80000002L, uc.readReg(Arm64Reg.X3));
        assertEquals(0x1234, uc.readReg(Arm64Reg.X4), "not skipped: the real register was read");
        assertEquals(List.of(0x80000002L), msrValues);
        assertEquals(0x80000002L, uc.readReg(Arm64Reg.TPIDR_EL1));
        assertEquals(List.of("1,0,c8,c3,0 rt31"), sys, "tlbi vmalle1is = sys #0, c8, c3, #0, xzr");
        assertThrows(IllegalArgumentException.class, () -> uc.hookArm64Sys(9, 1, 0, (a, b, c, d, e, f, g) -> false));
    }
}
