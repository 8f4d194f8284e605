package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.emulator.unicorn.X86Reg;
import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.FaultKind;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.model.MemorySystem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * 64-bit mode interrupt/exception entry through the IDT, kernel to kernel: the stack is
 * aligned down to 16 bytes, then SS, RSP, RFLAGS, CS, RIP and (for #PF, #GP) an error code
 * are pushed; an interrupt gate also clears IF.
 */
final class X86ExceptionEntry implements ExceptionEntry {
    static final int GP = 13;
    static final int PF = 14;
    private static final long RFLAGS_TF = 1L << 8;
    private static final long RFLAGS_IF = 1L << 9;
    private static final long RFLAGS_NT = 1L << 14;
    private static final long RFLAGS_RF = 1L << 16;
    private static final int INTERRUPT_GATE = 0xE;
    private static final int TRAP_GATE = 0xF;

    private final ArchOps ops;
    private final MemorySystem memory;

    X86ExceptionEntry(ArchOps ops, MemorySystem memory) {
        this.ops = ops;
        this.memory = memory;
    }

    @Override
    public String fault(Vcpu v, TranslationFault f) {
        WalkResult w = f.walk();
        if (w.fault() == FaultKind.ADDRESS_SIZE && w.faultLevel() <= 0) {
            return enter(v, GP, 0L);   // a non-canonical address is #GP(0), not #PF
        }
        // x86 drops the faulting page's TLB entries before delivering #PF; Linux relies on it
        // after upgrading a PTE without a flush.
        v.tlb.x86PageFault(f.va(), ops.addressSpaceId(ops.regime(v.uc), f.va()));
        v.uc.writeReg(X86Reg.CR2, f.va());
        return enter(v, PF, errorCode(f, ops.privilege(v.uc)));
    }

    /** The #PF error code: P, W/R, U/S, RSVD, I/D. */
    static long errorCode(TranslationFault f, Privilege priv) {
        FaultKind k = f.walk().fault();
        long code = 0;
        if (k == FaultKind.PERMISSION || k == FaultKind.RESERVED) {
            code |= 1;
        }
        if (f.access() == AccessType.WRITE) {
            code |= 2;
        }
        if (priv == Privilege.USER) {
            code |= 4;
        }
        if (k == FaultKind.RESERVED) {
            code |= 8;
        }
        if (f.access() == AccessType.FETCH) {
            code |= 16;
        }
        return code;
    }

    @Override
    public String interrupt(Vcpu v, int irq) {
        return enter(v, irq, null);
    }

    private String enter(Vcpu v, int vector, Long errorCode) {
        Unicorn uc = v.uc;
        // Event delivery is serializing here: earlier stores are visible before the handler runs.
        memory.drain(v.id);
        if ((uc.readReg(X86Reg.CS) & 3) != 0) {
            return "vector " + vector + " from user mode: entry with a stack switch is not modelled yet";
        }
        long idtBase = uc.readReg(X86Reg.IDTR_BASE);
        long idtLimit = uc.readReg(X86Reg.IDTR_LIMIT);
        if ((long) vector * 16 + 15 > idtLimit) {
            return "vector " + vector + " is beyond the IDT limit 0x" + Long.toHexString(idtLimit);
        }
        PageWalker walker = ops.walker(uc, new WalkerMemory(memory, v.id, true));
        byte[] gate = new byte[16];
        for (int i = 0; i < 16; i += 8) {
            WalkResult r = walker.walk(idtBase + vector * 16L + i, AccessType.READ, Privilege.KERNEL);
            if (!r.ok()) {
                return "IDT entry " + vector + " at 0x" + Long.toHexString(idtBase + vector * 16L) + " is not mapped";
            }
            v.view.read(r.pa(), gate, i, 8);
        }
        ByteBuffer g = ByteBuffer.wrap(gate).order(ByteOrder.LITTLE_ENDIAN);
        long lo = g.getLong(0);
        long hi = g.getLong(8);
        int type = (int) (lo >>> 40) & 0xf;
        if (((lo >>> 47) & 1) == 0 || (type != INTERRUPT_GATE && type != TRAP_GATE)) {
            return "IDT entry " + vector + " is not a present interrupt or trap gate";
        }
        if (((lo >>> 32) & 7) != 0) {
            return "IDT entry " + vector + " uses an IST stack, which is not modelled yet";
        }
        long handler = (lo & 0xffff) | ((lo >>> 48) & 0xffff) << 16 | (hi & 0xffffffffL) << 32;

        long rsp = uc.readReg(X86Reg.RSP);
        long rflags = uc.readReg(X86Reg.RFLAGS);
        long[] frame = errorCode == null
                ? new long[] {uc.readReg(X86Reg.RIP), uc.readReg(X86Reg.CS), rflags, rsp, uc.readReg(X86Reg.SS)}
                : new long[] {errorCode, uc.readReg(X86Reg.RIP), uc.readReg(X86Reg.CS), rflags, rsp,
                        uc.readReg(X86Reg.SS)};
        long top = (rsp & ~0xfL) - 8L * frame.length;
        for (int i = 0; i < frame.length; i++) {
            long va = top + 8L * i;
            WalkResult r = walker.walkAndUpdate(va, AccessType.WRITE, Privilege.KERNEL);
            if (!r.ok()) {
                return String.format("the stack at 0x%x is not writable while entering vector %d (%s fault)", va,
                        vector, r.fault());
            }
            memory.commitNow(v.id, r.pa(), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(frame[i]).array());
        }
        uc.writeReg(X86Reg.RSP, top);
        long cleared = RFLAGS_TF | RFLAGS_NT | RFLAGS_RF | (type == INTERRUPT_GATE ? RFLAGS_IF : 0);
        uc.writeReg(X86Reg.RFLAGS, rflags & ~cleared);
        uc.writeReg(X86Reg.RIP, handler);
        v.pc = handler;
        return null;
    }
}
