package io.mmulab.mmu.tlb;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Broadcast TLBIs (the {@code ...is}/{@code ...os} forms) in flight. The architecture only
 * guarantees another PE has performed a broadcast TLBI once the issuing PE completes a DSB;
 * until then the other PEs may keep using the old entries, and we let them (the most stale
 * behaviour allowed). The issuing vCPU applies the op to its own TLB at once.
 */
public final class BroadcastQueue {
    /** One issued, not yet completed broadcast op. */
    public record Pending(int fromCpu, Arm64TlbiOp op, long xt) {
        /** Performs this op on {@code tlb}; true when it dropped anything. */
        public boolean applyTo(Tlb tlb) {
            return tlb.arm64Tlbi(op, xt);
        }
    }

    private final Map<Integer, List<Pending>> byCpu = new TreeMap<>();

    /** Remembers {@code op} for {@code fromCpu} until its next DSB. */
    public synchronized void issue(int fromCpu, Arm64TlbiOp op, long xt) {
        byCpu.computeIfAbsent(fromCpu, c -> new ArrayList<>()).add(new Pending(fromCpu, op, xt));
    }

    /** The ops {@code fromCpu} issued since its last DSB, in issue order; they are now due on every other vCPU. */
    public synchronized List<Pending> completeOnDsb(int fromCpu) {
        List<Pending> done = byCpu.remove(fromCpu);
        return done == null ? List.of() : List.copyOf(done);
    }

    /**
     * {@link #completeOnDsb} and applies the ops to every TLB in {@code tlbs} but the issuer's.
     * Returns the cpus whose TLB dropped something (their unicorn TLB needs a flush).
     */
    public BitSet completeOnDsb(int fromCpu, List<Tlb> tlbs) {
        BitSet changed = new BitSet();
        for (Pending p : completeOnDsb(fromCpu)) {
            for (Tlb t : tlbs) {
                if (t.cpu() != fromCpu && p.applyTo(t)) {
                    changed.set(t.cpu());
                }
            }
        }
        return changed;
    }

    /** What {@code fromCpu} has issued and not yet completed, for inspection. */
    public synchronized List<Pending> pending(int fromCpu) {
        return List.copyOf(byCpu.getOrDefault(fromCpu, List.of()));
    }

    /** A copy of everything in flight, for a checkpoint. */
    public synchronized Map<Integer, List<Pending>> snapshot() {
        Map<Integer, List<Pending>> copy = new TreeMap<>();
        byCpu.forEach((c, l) -> copy.put(c, List.copyOf(l)));
        return copy;
    }

    /** Back to a {@link #snapshot()}. */
    public synchronized void restore(Map<Integer, List<Pending>> snapshot) {
        byCpu.clear();
        snapshot.forEach((c, l) -> byCpu.put(c, new ArrayList<>(l)));
    }

    /** Whether any vCPU has ops in flight. */
    public synchronized boolean isEmpty() {
        return byCpu.isEmpty();
    }
}
