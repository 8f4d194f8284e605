package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.disasm.Classification;
import io.mmulab.emulator.disasm.InsnKind;
import io.mmulab.emulator.unicorn.MemAccess;
import io.mmulab.emulator.unicorn.TlbEntry;
import io.mmulab.emulator.unicorn.Uc;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageOwner;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.Permissions;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.TranslationRegime;
import io.mmulab.mmu.WalkResult;
import io.mmulab.mmu.X86Regime;
import io.mmulab.mmu.model.LoadVerdict;
import io.mmulab.mmu.model.MemorySystem;

import java.util.Map;

/**
 * The hooks through which a vCPU's engine talks to the rest of the machine: translation
 * (TLB fill, answered from the vCPU's TLB model), every data access (scheduling points, the
 * memory model), the classified instructions (barriers, TLB maintenance, halts), and the
 * hypercall instruction.
 */
final class VcpuHooks {
    private static final long X86_PTE_DIRTY = 1L << 6;

    private final Machine machine;
    private final ArchOps ops;
    private final MemorySystem memory;
    private final CodeMap code;
    private final Hypercalls hypercalls;
    private final TlbMaintenance maintenance;
    /** Each vCPU's classified-instruction hooks, by vCPU id (see {@link #putFirst}). */
    private final Map<Integer, java.util.List<io.mmulab.emulator.unicorn.Hook>> classified = new java.util.HashMap<>();

    VcpuHooks(Machine machine, ArchOps ops, MemorySystem memory, CodeMap code, Hypercalls hypercalls) {
        this.machine = machine;
        this.ops = ops;
        this.memory = memory;
        this.code = code;
        this.hypercalls = hypercalls;
        this.maintenance = new TlbMaintenance(machine, ops);
    }

    void install(Vcpu v) {
        WalkerMemory walkerMemory = new WalkerMemory(memory, v.id, machine.arch() == Arch.X86_64);
        v.uc.hookTlbFill((va, access, entry) -> fillTlb(v, walkerMemory, va, access, entry));
        v.uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, 0, memory.views().size() - 1,
                (type, pa, size, value) -> onAccess(v, type, pa, size, value));
        v.uc.hookMem(Uc.HOOK_MEM_READ | Uc.HOOK_MEM_WRITE, machine.trapBase(),
                machine.trapBase() + Machine.TRAP_PAGE_SIZE - 1, (type, pa, size, value) -> onTrap(v, type, pa));
        hookClassified(v);
        if (machine.arch() == Arch.X86_64) {
            v.uc.hookOut((port, size, value) -> {
                if (port == Hypercall.X86_PORT) {
                    hypercalls.handle(v);
                    if (machine.checkpointPending()) {
                        // Stop after the out (2 bytes: e7 4d): the checkpoint must not re-run it.
                        v.uc.writeReg(ops.pc(), v.uc.readReg(ops.pc()) + 2);
                        v.uc.emuStop();
                    }
                }
            });
        } else {
            // tlbi arrives here with its operand, before it takes effect (and unicorn flushes
            // its own TLB for it afterwards, which keeps it a cache of the model).
            v.uc.hookArm64Sys(Uc.ARM64_INS_SYS, 1, 0, (rt, op0, op1, crn, crm, op2, value) -> {
                if (!v.preemption.active() && !machine.finished()) {
                    maintenance.arm64Sys(v, op0, op1, crn, crm, op2, value);
                }
                return false;
            });
        }
    }

    private void hookClassified(Vcpu v) {
        java.util.List<io.mmulab.emulator.unicorn.Hook> hooks = new java.util.ArrayList<>();
        for (Map.Entry<Long, CodeMap.Entry> e : code.entries().entrySet()) {
            long addr = e.getKey();
            CodeMap.Entry ce = e.getValue();
            if (needsCodeHook(machine.arch(), ce.cls())) {
                hooks.add(v.uc.hookCode(addr, addr, (a, size) -> onClassified(v, a, size, ce)));
            }
        }
        classified.put(v.id, hooks);
    }

    /**
     * Calls {@code first} before every instruction of {@code v}, ahead of the classified
     * instruction's own hook. One hook on every instruction replaces the thousands of
     * one-instruction hooks: unicorn scans its whole code-hook list at each hooked instruction,
     * which is fine for the few classified ones but not for all. The classified hook is then
     * found by address here, and skipped when {@code first} stopped the vCPU before the
     * instruction (as unicorn skips the hooks after one that stops). Translated code keeps the
     * hooks it was made with, so it is flushed.
     */
    void hookEveryInstruction(Vcpu v, io.mmulab.emulator.unicorn.CodeHook first) {
        for (io.mmulab.emulator.unicorn.Hook h : classified.getOrDefault(v.id, java.util.List.of())) {
            v.uc.removeHook(h);
        }
        classified.remove(v.id);
        Map<Long, CodeMap.Entry> entries = new java.util.HashMap<>();
        for (Map.Entry<Long, CodeMap.Entry> e : code.entries().entrySet()) {
            if (needsCodeHook(machine.arch(), e.getValue().cls())) {
                entries.put(e.getKey(), e.getValue());
            }
        }
        v.uc.hookCode(1, 0, (a, size) -> {
            first.onCode(a, size);
            CodeMap.Entry ce = entries.get(a);
            if (ce != null && !v.preemption.active()) {
                onClassified(v, a, size, ce);
            }
        });
        v.uc.flushTranslationBlocks();
    }

    /**
     * Which classified instructions get a code hook: those that are scheduling points of their
     * own or change state before their access (fences, TLB maintenance, IRQ masking, halts,
     * exclusives, ARM64 hvc). An atomic, load-acquire or store-release needs none: its first
     * access is its point, and onAccess finds its access kinds by PC (CodeMap.profileAt).
     * Each hook costs every hooked instruction: unicorn 2.1.4's helper_uc_tracecode walks the
     * whole list of code hooks, bounds-checking each, at every hooked instruction it executes.
     */
    static boolean needsCodeHook(Arch arch, Classification c) {
        if (c.isNone()) {
            return false;
        }
        java.util.EnumSet<InsnKind> k = c.kinds();
        k.removeAll(java.util.EnumSet.of(InsnKind.ATOMIC_RMW, InsnKind.LOAD_ACQUIRE, InsnKind.STORE_RELEASE));
        if (arch == Arch.X86_64) {
            k.remove(InsnKind.HYPERCALL);   // out: handled by the out hook
        }
        return !k.isEmpty();
    }

    /**
     * unicorn asks for a translation it has not cached. The vCPU's TLB model answers if it
     * can (a stale entry included: that is the point); otherwise the page tables in committed
     * memory are walked, as a hardware walker does, setting accessed/dirty bits.
     */
    private boolean fillTlb(Vcpu v, WalkerMemory walkerMemory, long va, MemAccess access, TlbEntry out) {
        AccessType type = switch (access) {
            case WRITE, WRITE_PROT, WRITE_UNMAPPED -> AccessType.WRITE;
            case FETCH, FETCH_PROT, FETCH_UNMAPPED -> AccessType.FETCH;
            default -> AccessType.READ;
        };
        TranslationRegime regime = ops.regime(v.uc);
        if (!regime.translationEnabled()) {
            if (Long.compareUnsigned(va, memory.views().size()) >= 0) {
                v.pendingFault = new TranslationFault(va, type,
                        PageWalker.of(walkerMemory, regime).walk(va, type, Privilege.KERNEL));
                return false;
            }
            out.set(va, Uc.PROT_ALL);
            return true;
        }
        Privilege priv = ops.privilege(v.uc);
        int asid = ops.addressSpaceId(regime, va);
        io.mmulab.mmu.tlb.TlbEntry e = v.tlb.lookup(va, asid, priv);
        if (e != null && e.permits(type) && !needsDirtyUpdate(regime, e, type)) {
            out.set(e.translate(va), prot(regime, e.perms(), dirty(e), type));
            return true;
        }
        if (e != null) {
            v.tlb.remove(e);
        }
        // The walk reads page tables other vCPUs may be writing (its A/D-bit updates are commits,
        // which widen the step by themselves).
        WalkResult r = PageWalker.of(walkerMemory, regime).walkAndUpdate(va, type, priv);
        machine.stepWalked(r);
        if (!r.ok()) {
            v.pendingFault = new TranslationFault(va, type, r);
            if (type == AccessType.FETCH) {
                return false;   // ends the slice with the PC on the faulting fetch
            }
            // unicorn only tells us the page: let the access reach the trap page, whose hook
            // sees the exact address, and never let unicorn keep this mapping.
            v.flushUnicornTlb = true;
            out.set(machine.trapBase() + (va & (Machine.TRAP_PAGE_SIZE - 1)), Uc.PROT_READ | Uc.PROT_WRITE);
            return true;
        }
        e = v.tlb.fill(r, priv, asid, machine.steps());
        out.set(r.pa(), prot(regime, r.perms(), dirty(e), type));
        return true;
    }

    /**
     * x86 sets D on the first write through an entry; so unicorn may cache a clean page only
     * read-only, and a write through a cached clean entry walks again.
     */
    private static boolean needsDirtyUpdate(TranslationRegime regime, io.mmulab.mmu.tlb.TlbEntry e, AccessType type) {
        return regime instanceof X86Regime && type == AccessType.WRITE && !dirty(e);
    }

    private static boolean dirty(io.mmulab.mmu.tlb.TlbEntry e) {
        return e.chain().isEmpty() || (e.chain().get(e.chain().size() - 1).value() & X86_PTE_DIRTY) != 0;
    }

    private static int prot(TranslationRegime regime, Permissions p, boolean dirty, AccessType type) {
        boolean write = p.write() && (!(regime instanceof X86Regime) || dirty || type == AccessType.WRITE);
        return (p.read() ? Uc.PROT_READ : 0) | (write ? Uc.PROT_WRITE : 0) | (p.executable() ? Uc.PROT_EXEC : 0);
    }

    /**
     * A data access through a translation that faulted (see fillTlb): the offset into the
     * trap page completes the faulting address. The instruction is stopped and rolled back,
     * then the fault is entered into the guest as the architecture would.
     */
    private void onTrap(Vcpu v, MemAccess type, long pa) {
        if (v.preemption.active() || machine.finished() || v.pendingFault == null) {
            v.uc.emuStop();
            return;
        }
        TranslationFault f = v.pendingFault;
        long exact = (f.va() & ~(Machine.TRAP_PAGE_SIZE - 1)) | (pa - machine.trapBase());
        v.pendingFault = new TranslationFault(exact,
                type == MemAccess.WRITE ? AccessType.WRITE : f.access(), f.walk());
        v.faultTrapped = true;
        v.lastPc = -1;
        v.preemption.begin(v);
        v.uc.emuStop();
    }

    /**
     * Every data access of the vCPU. The first access of an instruction is a scheduling point;
     * the rest of the same instruction is not (the write half of a read-modify-write, the
     * second half of a pair), nor is anything between a load-exclusive and its store-exclusive.
     * Then the memory model decides what the access means: a load may have to wait for an
     * atomic of another vCPU; a store is buffered or committed.
     */
    private void onAccess(Vcpu v, MemAccess type, long pa, int size, long value) {
        if (type == MemAccess.WRITE) {
            memory.views().beforeViewWrite(v.id, pa, size);   // unicorn writes the view right after
        }
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
        AccessProfile profile = code.profileAt(pc);
        boolean restOfInstruction = pc == v.lastPc && (type == MemAccess.WRITE || pa == v.lastPa + v.lastSize);
        boolean own = machine.privateAccess(v, pa);
        boolean point = !own && !restOfInstruction && !v.inExclusive && pc != v.noPointPc;
        v.noPointPc = -1;
        v.lastPc = pc;
        v.lastPa = pa;
        v.lastSize = size;
        if (point) {
            // A read-modify-write is offered as the write it also is.
            boolean write = type == MemAccess.WRITE || profile.store().isAtomic() || profile.load().isAtomic();
            v.pendingAddr = pa;
            v.pendingSize = size;
            v.pendingWrite = write;
            v.pendingDrain = profile.store() == io.mmulab.mmu.model.StoreKind.ATOMIC_FULL
                    || profile.load() == io.mmulab.mmu.model.LoadKind.ATOMIC_FULL;
            if (v.resumed) {
                v.resumed = false;
            } else if (machine.schedulingPoint(v)) {
                stopBefore(v, type, pa, size);
                return;
            }
            v.pendingAddr = ChoiceSet.UNKNOWN;
            v.pendingDrain = false;
            v.stepAddr = pa;
            v.stepSize = size;
            v.stepWrite = write;
        } else if (!own && !v.stepAccountsFor(v.id, pa, size, type == MemAccess.WRITE)) {
            // The rest of an instruction or an exclusive sequence reaching other bytes (a pair,
            // the write of a plain x86 read-modify-write).
            machine.widenStep();
        }
        if (machine.oraclesArmed() && machine.ownership().owner(pa >>> 12) == PageOwner.FREE) {
            machine.useAfterFree(v, type == MemAccess.WRITE, pa, size, pc);
            v.uc.emuStop();
            return;
        }
        if (type == MemAccess.READ) {
            if (memory.load(v.id, pa, size, profile.load()) == LoadVerdict.BLOCKED_BY_HOLD) {
                machine.block(v);
                stopBefore(v, type, pa, size);
                return;
            }
            machine.event(v, pc, MachineEvent.Kind.READ, pa, size, v.view.readSized(pa, size));
        } else {
            machine.event(v, pc, MachineEvent.Kind.WRITE, pa, size, value);
            if (own) {
                machine.quietCommits(true);
                memory.storePrivate(v.id, pa, size, value);
                machine.quietCommits(false);
            } else {
                memory.store(v.id, pa, size, value, profile.store());
            }
            machine.progress();
        }
        if (v.exclusiveArmed) {
            v.exclusiveArmed = false;
            v.inExclusive = true;
        }
    }

    /** Stop before the current instruction; it re-executes, already decided, when v runs again. */
    private void stopBefore(Vcpu v, MemAccess type, long pa, int size) {
        stopBefore(v);
        if (type == MemAccess.WRITE) {
            v.preemption.recordStore(v, pa, size);
        }
    }

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
        v.profilePc = addr;
        v.profile = e.profile();
        if (c.is(InsnKind.HYPERCALL)) {
            if (machine.arch() == Arch.ARM64) {
                // hvc is UNDEF at EL1 on this unicorn (no EL2): perform it here and step over it.
                hypercalls.handle(v);
                v.uc.writeReg(ops.pc(), addr + size);
                if (machine.finished() || machine.checkpointPending()) {
                    v.uc.emuStop();
                }
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
        if (v.inExclusive || c.is(InsnKind.ATOMIC_RMW) || c.is(InsnKind.LOAD_ACQUIRE)
                || c.is(InsnKind.STORE_RELEASE)) {
            return;  // their first access is the scheduling point
        }
        if (c.halts()) {
            // Parked until an interrupt is pending for it (x86: and IF set).
            machine.setState(v, VcpuState.HALTED);
            v.uc.writeReg(ops.pc(), addr + size);
            v.uc.emuStop();
            return;
        }
        // Barriers, spin hints, TLB maintenance, translation-control writes and IRQ masking
        // are scheduling points of their own. A spin hint that repeats a fruitless iteration
        // parks the vCPU instead (see SpinDetector).
        // A fence with nothing buffered, or a spin hint, changes nothing another vCPU can see:
        // for partial-order reduction it commutes with every other vCPU's step.
        // A full barrier (or an x86 serializing instruction) steps only once its own buffer has
        // drained: its CPU's stores commit as decisions of their own, one at a time, which
        // other vCPUs may interleave with (Machine.decide), instead of all at once inside it.
        AccessProfile fp = e.profile();
        v.pendingDrain = fp.barrier() == io.mmulab.mmu.model.Barrier.FULL || (machine.arch() == Arch.X86_64
                && (c.is(InsnKind.TLB_MAINTENANCE) || c.is(InsnKind.TRANSLATION_CONTROL)
                        || c.is(InsnKind.EXCEPTION_RETURN)));
        boolean local = (c.is(InsnKind.FENCE) && !c.is(InsnKind.SYNC_BARRIER)
                        && (fp.barrier() == io.mmulab.mmu.model.Barrier.FULL || !memory.hasPending(v.id)))
                || (c.is(InsnKind.HALT_WAIT) && !c.halts());
        v.pendingAddr = local ? ChoiceSet.LOCAL : ChoiceSet.UNKNOWN;
        v.pendingSize = 0;
        v.stepAddr = v.pendingAddr;
        v.stepSize = 0;
        if (v.resumed) {
            v.resumed = false;
        } else if (c.is(InsnKind.HALT_WAIT) && machine.parkIfSpinning(v, addr)) {
            stopBefore(v);
            return;
        } else if (machine.schedulingPoint(v)) {
            stopBefore(v);
            return;
        }
        v.pendingDrain = false;
        AccessProfile p = e.profile();
        if (machine.arch() == Arch.X86_64 && (c.is(InsnKind.TLB_MAINTENANCE) || c.is(InsnKind.TRANSLATION_CONTROL)
                || c.is(InsnKind.EXCEPTION_RETURN))) {
            // invlpg, mov to CRn and iret are serializing: the store buffer drains first.
            memory.drain(v.id);
        }
        if (p.barrier() != null) {
            memory.barrier(v.id, p.barrier());
            if (p.completesTlbi()) {
                machine.completeBroadcastTlbi(v);
            }
        }
        if (machine.arch() == Arch.X86_64
                && (c.is(InsnKind.TLB_MAINTENANCE) || c.is(InsnKind.TRANSLATION_CONTROL))) {
            maintenance.x86(v, e.insn(), addr + size);
        }
    }
}
