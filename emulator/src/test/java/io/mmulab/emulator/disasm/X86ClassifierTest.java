package io.mmulab.emulator.disasm;

import static io.mmulab.emulator.disasm.InsnKind.ATOMIC_RMW;
import static io.mmulab.emulator.disasm.InsnKind.EXCEPTION_RETURN;
import static io.mmulab.emulator.disasm.InsnKind.FENCE;
import static io.mmulab.emulator.disasm.InsnKind.HALT_WAIT;
import static io.mmulab.emulator.disasm.InsnKind.HYPERCALL;
import static io.mmulab.emulator.disasm.InsnKind.IRQ_MASK;
import static io.mmulab.emulator.disasm.InsnKind.SYNC_BARRIER;
import static io.mmulab.emulator.disasm.InsnKind.TLB_MAINTENANCE;
import static io.mmulab.emulator.disasm.InsnKind.TRANSLATION_CONTROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.emulator.Arch;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** x86-64 classes on bytes from GNU as (AT&T source in the comments), decoded by capstone. */
class X86ClassifierTest {
    private static Disassembler dis;
    private static final InstructionClassifier CLS = new InstructionClassifier(Arch.X86_64);

    @BeforeAll
    static void open() {
        dis = new Disassembler(Arch.X86_64);
    }

    @AfterAll
    static void close() {
        dis.close();
    }

    /** Decodes the bytes as exactly one instruction with the given text and classifies it. */
    private static Classification one(String hex, String text) {
        byte[] code = Asm.hex(hex);
        List<Instruction> got = dis.disassemble(code, 0x1000);
        assertEquals(1, got.size(), () -> "expected one instruction: " + got);
        assertEquals(code.length, got.get(0).size());
        assertEquals(text, got.get(0).text());
        return CLS.classify(got.get(0));
    }

    private static void none(String hex, String text) {
        assertEquals(Classification.NONE, one(hex, text), text);
    }

    @Test
    void fences() {
        Classification m = one("0f ae f0", "mfence");                  // mfence
        assertEquals(EnumSet.of(FENCE), m.kinds());
        assertEquals(FenceKind.FULL, m.fence());
        assertEquals("mfence", m.detail());
        assertEquals(FenceKind.LOAD_LOAD_STORE, one("0f ae e8", "lfence").fence());   // lfence
        assertEquals(FenceKind.STORE_STORE, one("0f ae f8", "sfence").fence());       // sfence
        assertTrue(one("0f ae e8", "lfence").is(FENCE));
        assertTrue(one("0f ae f8", "sfence").is(FENCE));
    }

    @Test
    void lockedInstructionsAreFullyOrderedAtomics() {
        String[][] cases = {
            {"f0 83 07 01", "lock addl $1, (%rdi)"},            // lock addl $1,(%rdi)
            {"f0 48 ff 46 08", "lock incq 8(%rsi)"},            // lock incq 8(%rsi)
            {"f0 48 0f b1 0a", "lock cmpxchgq %rcx, (%rdx)"},   // lock cmpxchg %rcx,(%rdx)
            {"f0 0f c1 07", "lock xaddl %eax, (%rdi)"},         // lock xadd %eax,(%rdi)
            {"f0 48 0f ba 2f 03", "lock btsq $3, (%rdi)"},      // lock btsq $3,(%rdi)
        };
        for (String[] c : cases) {
            Classification k = one(c[0], c[1]);
            assertEquals(EnumSet.of(ATOMIC_RMW), k.kinds(), c[1]);
            assertEquals(Ordering.ACQ_REL, k.ordering(), c[1]);
            assertEquals(FenceKind.FULL, k.fence(), c[1]);
            assertTrue(k.detail().startsWith("lock "), k.detail());
        }
        assertEquals("lock cmpxchgq", one("f0 48 0f b1 0a", "lock cmpxchgq %rcx, (%rdx)").detail());
    }

    @Test
    void xchgWithMemoryIsImplicitlyLocked() {
        Classification k = one("48 87 07", "xchgq %rax, (%rdi)");     // xchg %rax,(%rdi)
        assertTrue(k.is(ATOMIC_RMW));
        assertEquals(Ordering.ACQ_REL, k.ordering());
        assertEquals(FenceKind.FULL, k.fence());
        none("91", "xchgl %ecx, %eax");                                 // xchg %eax,%ecx: registers only
        none("48 87 c3", "xchgq %rax, %rbx");                           // xchg %rax,%rbx: 87 /r, register form
        none("41 90", "xchgl %r8d, %eax");                              // REX.B 90 is xchg, not pause
    }

    @Test
    void unlockedCmpxchgAndXaddAreNotAtomic() {
        none("48 0f b1 0a", "cmpxchgq %rcx, (%rdx)");                   // cmpxchg %rcx,(%rdx)
        none("0f c1 07", "xaddl %eax, (%rdi)");                         // xadd %eax,(%rdi)
    }

    @Test
    void tlbMaintenance() {
        Classification k = one("0f 01 38", "invlpg (%rax)");            // invlpg (%rax)
        assertEquals(EnumSet.of(TLB_MAINTENANCE), k.kinds());
        assertFalse(k.broadcast(), "x86 has no broadcast invalidation: IPIs do it");
        assertEquals("invlpg", k.detail());
        assertEquals(EnumSet.of(TLB_MAINTENANCE), one("66 0f 38 82 08", "invpcid (%rax), %rcx").kinds()); // invpcid (%rax),%rcx
    }

    @Test
    void controlRegisterWrites() {
        Classification cr3 = one("0f 22 d8", "movq %rax, %cr3");        // mov %rax,%cr3
        assertEquals(EnumSet.of(TRANSLATION_CONTROL, TLB_MAINTENANCE), cr3.kinds());
        assertEquals("mov cr3", cr3.detail());
        Classification cr0 = one("0f 22 c7", "movq %rdi, %cr0");        // mov %rdi,%cr0
        assertEquals(EnumSet.of(TRANSLATION_CONTROL), cr0.kinds());
        assertEquals("mov cr0", cr0.detail());
        Classification cr4 = one("0f 22 e2", "movq %rdx, %cr4");        // mov %rdx,%cr4
        assertEquals(EnumSet.of(TRANSLATION_CONTROL), cr4.kinds());
        assertEquals("mov cr4", cr4.detail());
        assertEquals(EnumSet.of(IRQ_MASK), one("44 0f 22 c0", "movq %rax, %cr8").kinds()); // mov %rax,%cr8 (REX.R)
        none("0f 20 d8", "movq %cr3, %rax");                            // reads change nothing
        none("0f 20 d0", "movq %cr2, %rax");
    }

    @Test
    void smapToggles() {
        assertEquals(EnumSet.of(TRANSLATION_CONTROL), one("0f 01 cb", "stac").kinds());   // stac
        assertEquals("clac", one("0f 01 ca", "clac").detail());                            // clac
    }

    @Test
    void irqMasking() {
        assertEquals(Classification.of(IRQ_MASK, "cli"), one("fa", "cli"));    // cli
        assertEquals(Classification.of(IRQ_MASK, "sti"), one("fb", "sti"));    // sti
        assertEquals(Classification.of(IRQ_MASK, "popf"), one("9d", "popfq")); // popfq
        assertTrue(one("66 9d", "popfw").is(IRQ_MASK));                         // popfw
        none("9c", "pushfq");                                                   // pushfq
    }

    @Test
    void haltAndSpinHints() {
        Classification hlt = one("f4", "hlt");                                  // hlt
        assertEquals(EnumSet.of(HALT_WAIT), hlt.kinds());
        assertTrue(hlt.halts());
        Classification pause = one("f3 90", "pause");                           // pause
        assertEquals(EnumSet.of(HALT_WAIT), pause.kinds());
        assertFalse(pause.halts(), "pause is a spin hint");
        Classification mwait = one("0f 01 c9", "mwait");                        // mwait
        assertTrue(mwait.is(HALT_WAIT));
        assertFalse(mwait.halts());
    }

    @Test
    void exceptionReturnsAlsoRestoreTheInterruptFlag() {
        for (String[] c : new String[][] {
            {"48 cf", "iretq", "iretq"},          // iretq
            {"cf", "iretl", "iret"},              // iret
            {"48 0f 07", "sysretq", "sysretq"},   // sysretq
            {"0f 07", "sysretl", "sysretl"},      // sysretl
            {"0f 35", "sysexit", "sysexit"},      // sysexit
        }) {
            Classification k = one(c[0], c[1]);
            assertEquals(EnumSet.of(EXCEPTION_RETURN, IRQ_MASK), k.kinds(), c[1]);
            assertEquals(c[2], k.detail());
        }
    }

    @Test
    void onlyOutlToTheHypercallPortIsAHypercall() {
        Classification k = one("e7 4d", "outl %eax, $0x4d");                    // outl %eax,$0x4d
        assertEquals(EnumSet.of(HYPERCALL), k.kinds());
        assertEquals("outl $0x4d", k.detail());
        none("e7 4e", "outl %eax, $0x4e");                                      // another port
        none("e6 80", "outb %al, $0x80");                                       // outb %al,$0x80
        none("66 e7 4d", "outw %ax, $0x4d");                                    // not the ABI's outl
        none("ef", "outl %eax, %dx");                                           // port only known at run time
        none("e5 4d", "inl $0x4d, %eax");                                       // inl $0x4d,%eax
    }

    @Test
    void ordinaryInstructions() {
        none("48 8b 07", "movq (%rdi), %rax");
        none("48 89 47 08", "movq %rax, 8(%rdi)");
        none("48 01 c3", "addq %rax, %rbx");
        none("eb fe", "jmp 0x1000");
        none("e8 fb ff ff ff", "callq 0x1000");
        none("c3", "retq");
        none("90", "nop");
        none("0f 05", "syscall");                                               // guest kernel's business
        none("f3 aa", "rep stosb %al, (%rdi)");
        none("0f 01 f8", "swapgs");
        none("cc", "int3");
        none("f3 0f ae f0", "mfence");   // capstone 4 says mfence; the SDM says F3 makes it umonitor, not a fence
    }

    @Test
    void amdBroadcastInvalidation() {
        // invlpgb (0f 01 fe) and tlbsync (0f 01 ff) postdate capstone 4, so made by hand here.
        Classification b = CLS.classify(new Instruction(0, 3, Asm.hex("0f 01 fe"), "invlpgb", ""));
        assertEquals(EnumSet.of(TLB_MAINTENANCE), b.kinds());
        assertTrue(b.broadcast());
        assertEquals(EnumSet.of(SYNC_BARRIER), CLS.classify(new Instruction(0, 3, Asm.hex("0f 01 ff"), "tlbsync", "")).kinds());
    }

    @Test
    void undecodablePlaceholdersAreNeverClassified() {
        // A lone lock prefix at the end of a buffer must not look like a locked instruction.
        List<Instruction> got = dis.disassemble(Asm.hex("90 f0"), 0);
        assertEquals(2, got.size());
        assertTrue(got.get(1).undecoded());
        assertEquals(Classification.NONE, CLS.classify(got.get(1)));
    }
}
