package io.mmulab.emulator.unicorn;

import static io.mmulab.emulator.unicorn.TestMachine.CODE;
import static io.mmulab.emulator.unicorn.TestMachine.DATA;
import static io.mmulab.emulator.unicorn.TestMachine.x86;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.emulator.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class X86UnicornTest {
    TestMachine m;
    Unicorn uc;

    @BeforeEach
    void open() {
        m = new TestMachine(Arch.X86_64);
        uc = m.uc;
    }

    @AfterEach
    void close() {
        m.close();
    }

    record Access(MemAccess type, long address, int size, long value, long pc) {}

    /*
     * 0x1000 bb 00 20 00 00        mov  $0x2000,%ebx
     * 0x1005 b9 05 00 00 00        mov  $5,%ecx
     * 0x100a 48 8b 03              mov  (%rbx),%rax
     * 0x100d 48 89 43 08           mov  %rax,8(%rbx)
     * 0x1011 f0 48 0f c1 4b 10     lock xadd %rcx,16(%rbx)
     * 0x1017 90                    nop
     */
    static final byte[] MEM = x86("bb 00 20 00 00  b9 05 00 00 00  48 8b 03  48 89 43 08  f0 48 0f c1 4b 10  90");

    @Test
    void memoryHooksReportTypeAddressSizeValueAndExactRip() {
        long end = m.load(MEM);
        m.ramLong(DATA, 0x1122334455667788L);
        m.ramLong(DATA + 16, 100);
        List<Access> seen = new ArrayList<>();
        uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, DATA, DATA + 0xfff,
                (t, a, s, v) -> seen.add(new Access(t, a, s, t == MemAccess.WRITE ? v : 0, uc.readReg(X86Reg.RIP))));
        uc.emuStart(CODE, end - 1, 0, 0);
        assertEquals(List.of(
                new Access(MemAccess.READ, DATA, 8, 0, 0x100a),
                new Access(MemAccess.WRITE, DATA + 8, 8, 0x1122334455667788L, 0x100d),
                new Access(MemAccess.READ, DATA + 16, 8, 0, 0x1011),     // lock xadd: read ...
                new Access(MemAccess.WRITE, DATA + 16, 8, 105, 0x1011)), // ... then write
                seen);
        assertEquals(100, uc.readReg(X86Reg.RCX));
        assertEquals(105, m.ramLong(DATA + 16));
    }

    @Test
    void stopInsideAMemoryHookAbandonsTheInstructionWhichReExecutes() {
        long end = m.load(MEM);
        m.ramLong(DATA, 0xabcdL);
        List<Long> readPcs = new ArrayList<>();
        uc.hookMem(Uc.HOOK_MEM_READ, DATA, DATA + 7, (t, a, s, v) -> {
            readPcs.add(uc.readReg(X86Reg.RIP));
            if (readPcs.size() == 1) {
                uc.emuStop();
            }
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of(0x100aL), readPcs);
        assertEquals(0x100a, uc.readReg(X86Reg.RIP), "stopped before the load completed");
        assertEquals(0, uc.readReg(X86Reg.RAX), "the load did not happen");
        assertEquals(DATA, uc.readReg(X86Reg.RBX), "earlier instructions did");
        uc.emuStart(uc.readReg(X86Reg.RIP), end, 0, 0);
        assertEquals(List.of(0x100aL, 0x100aL), readPcs, "the hook fired again for the re-executed load");
        assertEquals(0xabcdL, uc.readReg(X86Reg.RAX));
        assertEquals(0xabcdL, m.ramLong(DATA + 8));
    }

    @Test
    void writingRipInACodeHookSkipsTheInstruction() {
        // 0x1000 31 c0 xor %eax,%eax ; 0x1002 b8 01 00 00 00 mov $1,%eax ; 0x1007 bb 02 00 00 00 mov $2,%ebx
        long end = m.load(x86("31 c0  b8 01 00 00 00  bb 02 00 00 00"));
        uc.writeReg(X86Reg.RAX, 77);
        List<Long> hits = new ArrayList<>();
        uc.hookCode(0x1002, 0x1002, (addr, size) -> {
            hits.add(addr);
            assertEquals(5, size);
            uc.writeReg(X86Reg.RIP, addr + size);
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of(0x1002L), hits);
        assertEquals(0, uc.readReg(X86Reg.RAX), "mov $1 was skipped");
        assertEquals(2, uc.readReg(X86Reg.RBX));
        assertEquals(end, uc.pc());
    }

    @Test
    void blockHookSeesBlockStarts() {
        long end = m.load(UnicornEngineTest.X86_LOOP);
        List<Long> blocks = new ArrayList<>();
        uc.hookBlock(1, 0, (addr, size) -> blocks.add(addr));
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(CODE, blocks.get(0));
        assertEquals(1 + 9, blocks.size(), "entry block, then the loop body nine more times: " + blocks);
    }

    /*
     * 0x1000 b8 34 12 00 00   mov $0x1234,%eax
     * 0x1005 e7 80            out %eax,$0x80
     * 0x1007 48 89 c3         mov %rax,%rbx
     * 0x100a 66 ba f8 03      mov $0x3f8,%dx
     * 0x100e ec               in  (%dx),%al
     * 0x100f 90               nop
     */
    @Test
    void outAndInHooks() {
        long end = m.load(x86("b8 34 12 00 00  e7 80  48 89 c3  66 ba f8 03  ec  90"));
        List<String> outs = new ArrayList<>();
        uc.hookOut((port, size, value) -> {
            outs.add(Integer.toHexString(port) + "/" + size + "=" + Integer.toHexString(value));
            assertEquals(0x1005, uc.pc(), "RIP is that of the out instruction");
            uc.writeReg(X86Reg.RAX, 0x55);
        });
        List<String> ins = new ArrayList<>();
        uc.hookIn((port, size) -> {
            ins.add(Integer.toHexString(port) + "/" + size);
            return 0x41;
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of("80/4=1234"), outs);
        assertEquals(0x55, uc.readReg(X86Reg.RBX), "RAX written in the out hook is what the guest sees next");
        assertEquals(List.of("3f8/1"), ins);
        assertEquals(0x41, uc.readReg(X86Reg.RAX) & 0xff);
    }

    /*
     * 0x1000 48 bb 00 20 00 80 ff ff ff ff   movabs $0xffffffff80002000,%rbx
     * 0x100a 48 8b 03                        mov (%rbx),%rax
     * 0x100d 48 89 43 08                     mov %rax,8(%rbx)
     * 0x1011 90                              nop
     */
    static final byte[] HIGH = x86("48 bb 00 20 00 80 ff ff ff ff  48 8b 03  48 89 43 08  90");
    static final long KBASE = 0xffffffff80000000L;

    @Test
    void tlbFillMapsAHighCanonicalAddressAndMemHooksSeePhysical() {
        long end = m.load(HIGH);
        m.ramLong(DATA, 0x77);
        uc.setTlbMode(true);
        List<String> fills = new ArrayList<>();
        uc.hookTlbFill((vaddr, access, e) -> {
            fills.add(Long.toHexString(vaddr) + " " + access);
            long paddr = Long.compareUnsigned(vaddr, KBASE) >= 0 ? vaddr - KBASE : vaddr;
            e.set(paddr, Uc.PROT_ALL);
            assertEquals(paddr, e.paddr());
            return true;
        });
        List<Access> seen = new ArrayList<>();
        uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, 0, 0xffff,
                (t, a, s, v) -> seen.add(new Access(t, a, s, v, uc.pc())));
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(0x77, uc.readReg(X86Reg.RAX));
        assertEquals(0x77, m.ramLong(DATA + 8));
        assertTrue(fills.contains("1000 FETCH"), fills.toString());
        assertTrue(fills.contains("ffffffff80002000 READ"), fills.toString());
        assertEquals(DATA, seen.get(0).address(), "memory hooks report the physical address");
        assertEquals(0x100a, seen.get(0).pc());
        assertEquals(DATA + 8, seen.get(1).address());
        // the fill is cached: a rerun asks nothing new, until the TLB is flushed
        int before = fills.size();
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(before, fills.size());
        uc.flushTlb();
        uc.emuStart(CODE, end, 0, 0);
        assertTrue(fills.size() > before);
    }

    @Test
    void tlbFillReturningFalseEndsEmulationWithAnError() {
        long end = m.load(HIGH);
        uc.setTlbMode(true);
        uc.hookTlbFill((vaddr, access, e) -> {
            if (Long.compareUnsigned(vaddr, KBASE) >= 0) {
                return false;
            }
            e.set(vaddr, Uc.PROT_ALL);
            return true;
        });
        // unicorn does not turn a refused fill into a guest #PF: the run ends, RIP on the access,
        // and the interrupt hook is not involved; raising the fault is the caller's job
        List<Integer> intr = new ArrayList<>();
        uc.hookInterrupt(intr::add);
        var ex = assertThrows(UnicornException.class, () -> uc.emuStart(CODE, end, 0, 0));
        assertEquals(Uc.ERR_EXCEPTION, ex.code(), ex.getMessage());
        assertEquals(0x100a, uc.pc());
        assertEquals(List.of(), intr);
        assertEquals(0, uc.readReg(X86Reg.CR2), "no architectural fault was raised");
        assertEquals(Uc.ERR_EXCEPTION, uc.tryEmuStart(uc.pc(), end, 0, 0), "the non-throwing form");
        assertEquals(0x100a, uc.pc());
    }

    @Test
    void tlbEntryCannotBeUsedOutsideItsHook() {
        long end = m.load(HIGH);
        uc.setTlbMode(true);
        TlbEntry[] kept = new TlbEntry[1];
        uc.hookTlbFill((vaddr, access, e) -> {
            kept[0] = e;
            e.set(Long.compareUnsigned(vaddr, KBASE) >= 0 ? vaddr - KBASE : vaddr, Uc.PROT_ALL);
            return true;
        });
        uc.emuStart(CODE, end, 0, 0);
        assertThrows(IllegalStateException.class, () -> kept[0].set(0, Uc.PROT_ALL));
    }

    @Test
    void controlRegistersAndEferRoundTrip() {
        assertEquals(0x11, uc.readReg(X86Reg.CR0), "unicorn starts with PE|ET");
        assertEquals(0x500, uc.readReg(X86Reg.EFER), "LME|LMA: long mode");
        uc.writeReg(X86Reg.CR3, 0x12345000L);
        assertEquals(0x12345000L, uc.readReg(X86Reg.CR3));
        long cr4 = uc.readReg(X86Reg.CR4) | 0x20 | 0x80; // PAE | PGE
        uc.writeReg(X86Reg.CR4, cr4);
        assertEquals(cr4, uc.readReg(X86Reg.CR4));
        long cr0 = 0x80050033L; // PG WP AM NE ET MP PE, as Linux runs
        uc.writeReg(X86Reg.CR0, cr0);
        assertEquals(cr0, uc.readReg(X86Reg.CR0));
        uc.writeReg(X86Reg.CR2, 0xdead000L);
        assertEquals(0xdead000L, uc.readReg(X86Reg.CR2));
        long efer = uc.readReg(X86Reg.EFER) | 0x800; // NXE
        uc.writeReg(X86Reg.EFER, efer);
        assertEquals(efer, uc.readReg(X86Reg.EFER));
        assertEquals(0, uc.readReg(X86Reg.RCX), "the MSR path leaves RCX/RAX/RDX alone");
        uc.writeReg(X86Reg.KERNEL_GS_BASE, 0xffff888000001000L);
        assertEquals(0xffff888000001000L, uc.readReg(X86Reg.KERNEL_GS_BASE));
    }

    @Test
    void descriptorTablesSegmentsAndBases() {
        uc.writeReg(X86Reg.IDTR_BASE, 0xffffffff81000000L);
        uc.writeReg(X86Reg.IDTR_LIMIT, 0xfff);
        uc.writeReg(X86Reg.GDTR_BASE, 0x3000);
        uc.writeReg(X86Reg.GDTR_LIMIT, 0x3f);
        assertEquals(0xffffffff81000000L, uc.readReg(X86Reg.IDTR_BASE));
        assertEquals(0xfff, uc.readReg(X86Reg.IDTR_LIMIT), "writing the base kept the limit");
        assertEquals(0x3000, uc.readReg(X86Reg.GDTR_BASE));
        assertEquals(0x3f, uc.readReg(X86Reg.GDTR_LIMIT));
        uc.writeReg(X86Reg.GS_BASE, 0xffff888000002000L);
        assertEquals(0xffff888000002000L, uc.readReg(X86Reg.GS_BASE));
        uc.writeReg(X86Reg.FS_BASE, 0x7000);
        assertEquals(0x7000, uc.readReg(X86Reg.FS_BASE));
        uc.writeReg(X86Reg.DS, 0x18);
        assertEquals(0x18, uc.readReg(X86Reg.DS));
        uc.writeReg(X86Reg.RFLAGS, 0x202);
        assertEquals(0x202, uc.readReg(X86Reg.RFLAGS));
    }

    @Test
    void allRegistersRoundTripThroughWriteAndRead() {
        X86Reg[] gprs = {X86Reg.RAX, X86Reg.RBX, X86Reg.RCX, X86Reg.RDX, X86Reg.RSI, X86Reg.RDI, X86Reg.RBP,
            X86Reg.RSP, X86Reg.R8, X86Reg.R9, X86Reg.R10, X86Reg.R11, X86Reg.R12, X86Reg.R13, X86Reg.R14, X86Reg.R15};
        for (int i = 0; i < gprs.length; i++) {
            uc.writeReg(gprs[i], 0x1000_0000_0000_0000L + i);
        }
        for (int i = 0; i < gprs.length; i++) {
            assertEquals(0x1000_0000_0000_0000L + i, uc.readReg(gprs[i]), gprs[i].name());
        }
    }

    @Test
    void interruptHookSeesIntAndInvalidInstructionHookSeesUd2() {
        // 0x1000 cd 80   int $0x80 ; 0x1002 0f 0b   ud2 ; 0x1004 48 ff c0   inc %rax
        long end = m.load(x86("cd 80  0f 0b  48 ff c0"));
        List<Integer> intr = new ArrayList<>();
        uc.hookInterrupt(n -> {
            intr.add(n);
            uc.emuStop();
        });
        uc.emuStart(CODE, end, 0, 0);
        assertEquals(List.of(0x80), intr);
        assertEquals(0x1002, uc.pc(), "int is a trap: RIP is past it");
        // ud2 is not an interrupt in unicorn: without a hook it ends the run
        var ex = assertThrows(UnicornException.class, () -> uc.emuStart(uc.pc(), end, 0, 0));
        assertEquals(Uc.ERR_INSN_INVALID, ex.code());
        assertEquals(0x1002, uc.pc());
        List<Long> invalid = new ArrayList<>();
        Hook h = uc.hookInvalidInstruction(() -> {
            invalid.add(uc.pc());
            return false;
        });
        ex = assertThrows(UnicornException.class, () -> uc.emuStart(uc.pc(), end, 0, 0));
        assertEquals(Uc.ERR_INSN_INVALID, ex.code());
        assertEquals(List.of(0x1002L), invalid);
        uc.removeHook(h);
        uc.hookInvalidInstruction(() -> {
            uc.writeReg(X86Reg.RIP, uc.pc() + 2);
            return true;
        });
        uc.emuStart(uc.pc(), end, 0, 0);
        assertEquals(1, uc.readReg(X86Reg.RAX), "resumed after the skipped ud2");
        assertEquals(List.of(0x80), intr);
    }

    @Test
    void hookInAndOutAreX86Only() {
        try (Unicorn arm = Unicorn.open(Arch.ARM64)) {
            assertThrows(UnsupportedOperationException.class, () -> arm.hookOut((p, s, v) -> { }));
            assertThrows(UnsupportedOperationException.class, () -> arm.hookIn((p, s) -> 0));
        }
    }
}
