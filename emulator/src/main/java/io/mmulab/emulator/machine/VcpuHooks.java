package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.disasm.Classification;
import io.mmulab.emulator.disasm.InsnKind;
import io.mmulab.emulator.unicorn.MemAccess;
import io.mmulab.emulator.unicorn.TlbEntry;
import io.mmulab.emulator.unicorn.Uc;
import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.MemoryViews;
import io.mmulab.mmu.Permissions;
import io.mmulab.mmu.WalkResult;

import java.util.Map;

/**
 * The hooks through which a vCPU's engine talks to the rest of the machine: translation
 * (TLB fill), every data access (scheduling points and store commits), the classified
 * instructions, and the hypercall instruction.
 */
final class VcpuHooks {
    private final Machine machine;
    private final ArchOps ops;
    private final MemoryViews memory;
    private final CodeMap code;
    private final Hypercalls hypercalls;

    VcpuHooks(Machine machine, ArchOps ops, MemoryViews memory, CodeMap code, Hypercalls hypercalls) {
        this.machine = machine;
        this.ops = ops;
        this.memory = memory;
        this.code = code;
        this.hypercalls = hypercalls;
    }

    void install(Vcpu v) {
        v.uc.hookTlbFill((va, access, entry) -> fillTlb(v, va, access, entry));
        v.uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, 0, memory.size() - 1,
                (type, pa, size, value) -> onAccess(v, type, pa, size, value));
        for (Map.Entry<Long, CodeMap.Entry> e : code.entries().entrySet()) {
            long addr = e.getKey();
            CodeMap.Entry ce = e.getValue();
            if (interesting(ce.cls())) {
                v.uc.hookCode(addr, addr, (a, size) -> onClassified(v, a, size, ce));
            }
        }
        if (machine.arch() == Arch.X86_64) {
            v.uc.hookOut((port, size, value) -> {
                if (port == Hypercall.X86_PORT) {
                    hypercalls.handle(v);
                }
            });
        }
    }

    private static boolean interesting(Classification c) {
        return c.is(InsnKind.HYPERCALL) || c.is(InsnKind.HALT_WAIT) || c.is(InsnKind.LOAD_EXCLUSIVE)
                || c.is(InsnKind.STORE_EXCLUSIVE) || c.is(InsnKind.FENCE) || c.is(InsnKind.TLB_MAINTENANCE)
                || c.is(InsnKind.TRANSLATION_CONTROL) || c.is(InsnKind.IRQ_MASK);
    }

    /**
     * unicorn asks for a translation it has not cached. We walk the page tables in committed
     * memory, as a hardware walker does. (The per-vCPU TLB model of the memory-system issue
     * slots in here: it will be consulted before walking.)
     */
    private boolean fillTlb(Vcpu v, long va, MemAccess access, TlbEntry entry) {
        AccessType type = switch (access) {
            case WRITE, WRITE_PROT, WRITE_UNMAPPED -> AccessType.WRITE;
            case FETCH, FETCH_PROT, FETCH_UNMAPPED -> AccessType.FETCH;
            default -> AccessType.READ;
        };
        // A table pointer past the end of physical memory comes back as an ADDRESS_SIZE fault.
        WalkResult r = ops.walker(v.uc, memory.committed()).walk(va, type, ops.privilege(v.uc));
        if (!r.ok()) {
            v.pendingFault = new TranslationFault(va, type, r);
            return false;
        }
        Permissions p = r.perms();
        int prot = (p.read() ? Uc.PROT_READ : 0) | (p.write() ? Uc.PROT_WRITE : 0) | (p.executable() ? Uc.PROT_EXEC : 0);
        // unicorn asks per page of its own size (1 KiB on arm64): answer for that exact address.
        entry.set(r.pa(), prot);
        return true;
    }

    /**
     * Every data access of the vCPU. The first access of an instruction is a scheduling point;
     * the rest of the same instruction is not (the write half of a read-modify-write, the
     * second half of a pair), nor is anything between a load-exclusive and its store-exclusive.
     * Stores commit at once: this is the {@code sc} memory system.
     */
    private void onAccess(Vcpu v, MemAccess type, long pa, int size, long value) {
        if (v.preemption.active()) {
            // The instruction we stopped before is still running to its end: keep its
            // stores out of memory and out of our view.
            if (type == MemAccess.WRITE) {
                v.preemption.recordStore(v, pa, size);
            }
            return;
        }
        if (machine.finished()) {
            v.uc.emuStop();
            return;
        }
        long pc = v.uc.readReg(ops.pc());
        boolean restOfInstruction = pc == v.lastPc && (type == MemAccess.WRITE || pa == v.lastPa + v.lastSize);
        boolean point = !restOfInstruction && !v.inExclusive && pc != v.noPointPc;
        v.noPointPc = -1;
        v.lastPc = pc;
        v.lastPa = pa;
        v.lastSize = size;
        if (point) {
            if (v.resumed) {
                v.resumed = false;
            } else if (machine.schedulingPoint(v)) {
                stopBefore(v);
                if (type == MemAccess.WRITE) {
                    v.preemption.recordStore(v, pa, size);
                }
                return;
            }
        }
        if (v.exclusiveArmed) {
            v.exclusiveArmed = false;
            v.inExclusive = true;
        }
        if (type == MemAccess.WRITE) {
            memory.commit(v.id, pa, size, value);
        }
    }

    /** Stop before the current instruction; it re-executes, already decided, when v runs again. */
    private void stopBefore(Vcpu v) {
        v.resumed = true;
        v.lastPc = -1;
        v.preemption.begin(v);
        v.uc.emuStop();
    }

    private void onClassified(Vcpu v, long addr, int size, CodeMap.Entry e) {
        if (v.preemption.active()) {
            return;
        }
        if (machine.finished()) {
            v.uc.emuStop();
            return;
        }
        Classification c = e.cls();
        if (c.is(InsnKind.HYPERCALL) && machine.arch() == Arch.ARM64) {
            // hvc is UNDEF at EL1 on this unicorn (no EL2): perform it here and step over it.
            hypercalls.handle(v);
            v.uc.writeReg(ops.pc(), addr + size);
            if (machine.finished()) {
                v.uc.emuStop();
            }
            return;
        }
        if (c.is(InsnKind.LOAD_EXCLUSIVE)) {
            v.exclusiveArmed = !v.inExclusive;
            return;
        }
        if (c.is(InsnKind.STORE_EXCLUSIVE)) {
            v.inExclusive = false;
            v.noPointPc = addr;
            return;
        }
        if (v.inExclusive) {
            return;
        }
        if (c.is(InsnKind.HALT_WAIT) && e.isHalt()) {
            // Parked until an interrupt arrives; until interrupts exist that is for ever.
            machine.setState(v, VcpuState.HALTED);
            v.uc.writeReg(ops.pc(), addr + size);
            v.uc.emuStop();
            return;
        }
        // Spin hints, fences, TLB maintenance, translation-control writes and IRQ masking are
        // scheduling points of their own.
        if (v.resumed) {
            v.resumed = false;
        } else if (machine.schedulingPoint(v)) {
            stopBefore(v);
        }
    }
}
