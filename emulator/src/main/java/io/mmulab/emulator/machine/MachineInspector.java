package io.mmulab.emulator.machine;

import io.mmulab.mmu.LeafMapping;
import io.mmulab.mmu.PageOwner;
import io.mmulab.mmu.PageTableDumper;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.TranslationRegime;
import io.mmulab.mmu.model.PendingStore;
import io.mmulab.mmu.tlb.TlbInspector;
import io.mmulab.mmu.tlb.TlbView;

import java.util.ArrayList;
import java.util.List;

/**
 * Read-only views of a stopped machine for the CLI and the GUI: vCPUs, page tables from any
 * root, each vCPU's TLB with stale entries marked, store buffers, pending interrupts and
 * physical page owners. Nothing here changes the machine (walks are pure, not walkAndUpdate).
 */
public final class MachineInspector {
    private final Machine m;

    public MachineInspector(Machine m) {
        this.m = m;
    }

    public record VcpuInfo(int id, VcpuState state, long pc, String where, boolean irqsMasked,
                           List<Integer> pendingIrqs, int inService) {
    }

    public List<VcpuInfo> vcpus() {
        List<VcpuInfo> out = new ArrayList<>();
        for (Vcpu v : m.vcpus()) {
            out.add(new VcpuInfo(v.id, v.state, v.pc, Reports.where(m, v.pc), m.ops().irqsMasked(v.uc),
                    m.interrupts().pendingList(v.id), m.interrupts().inService(v.id)));
        }
        return out;
    }

    /** The translation regime vCPU {@code cpu} runs under now. */
    public TranslationRegime regime(int cpu) {
        return m.ops().regime(m.vcpu(cpu).uc);
    }

    /** Every leaf mapping reachable from {@code regime}'s roots, in committed memory. */
    public List<LeafMapping> pageTables(TranslationRegime regime) {
        return PageTableDumper.dump(m.memory().committed(), regime);
    }

    /** cpu's TLB model, each entry checked against a fresh walk of its current tables. */
    public List<TlbView> tlb(int cpu) {
        Vcpu v = m.vcpu(cpu);
        return TlbInspector.inspect(v.tlb, PageWalker.of(m.memory().committed(), regime(cpu)));
    }

    /**
     * vCPU {@code cpu}'s registers by name: the PC first, then general-purpose registers, stack
     * pointer and flags. Read from the engine, so also exact for the vCPU whose hook is asking
     * the scheduler (whose {@link VcpuInfo#pc()} is where its slice started).
     */
    public java.util.SequencedMap<String, Long> registers(int cpu) {
        Vcpu v = m.vcpu(cpu);
        java.util.LinkedHashMap<String, Long> out = new java.util.LinkedHashMap<>();
        out.put(m.ops().pc().name(), v.uc.readReg(m.ops().pc()));
        for (io.mmulab.emulator.unicorn.Reg r : m.ops().loopState()) {
            out.put(r.name(), v.uc.readReg(r));
        }
        return out;
    }

    public List<PendingStore> storeBuffer(int cpu) {
        return m.memorySystem().pending(cpu);
    }

    public PageOwner owner(long pa) {
        return m.ownership().owner(pa >>> 12);
    }

    /** A text report of everything above but the page tables, for {@code mmulab run --dump}. */
    public String dump() {
        StringBuilder b = new StringBuilder();
        b.append("memory model ").append(m.config().model().displayName()).append(", ")
                .append(m.steps()).append(" steps\n");
        String caveat = m.config().model().limitation();
        if (caveat != null && !caveat.isEmpty()) {
            b.append("  (").append(caveat).append(")\n");
        }
        for (VcpuInfo v : vcpus()) {
            b.append(String.format("cpu%d %s at %s, irqs %s%s%n", v.id(), v.state().name().toLowerCase(java.util.Locale.ROOT),
                    v.where(), v.irqsMasked() ? "masked" : "enabled",
                    v.pendingIrqs().isEmpty() ? "" : ", pending irqs " + v.pendingIrqs()));
            List<PendingStore> sb = storeBuffer(v.id());
            b.append(String.format("  store buffer: %d pending%n", sb.size()));
            for (PendingStore s : sb) {
                b.append(String.format("    #%d %s [0x%x] %d bytes = 0x%x%n", s.seq(),
                        s.kind().name().toLowerCase(java.util.Locale.ROOT), s.pa(), s.size(), s.value()));
            }
            List<TlbView> tlb = tlb(v.id());
            long stale = tlb.stream().filter(TlbView::stale).count();
            b.append(String.format("  tlb: %d entries, %d stale%n", tlb.size(), stale));
            for (TlbView t : tlb) {
                if (t.stale()) {
                    b.append(String.format("    STALE va 0x%x -> pa 0x%x (%d KiB, asid %d): %s%n", t.entry().va(),
                            t.entry().pa(), t.entry().pageSize() >> 10, t.entry().asid(), t.why()));
                }
            }
        }
        return b.toString();
    }
}
