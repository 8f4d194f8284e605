package io.mmulab.emulator.machine;

import io.mmulab.emulator.disasm.Instruction;
import io.mmulab.mmu.X86Regime;
import io.mmulab.mmu.tlb.Arm64TlbiOp;

import java.util.Optional;

/**
 * Applies the guest's TLB maintenance to the vCPU's TLB model. unicorn flushes its own TLB
 * for these instructions as well (it only ever caches what the model answers), so only
 * invalidations reaching other vCPUs need an explicit unicorn flush, done before their next
 * slice.
 */
final class TlbMaintenance {
    private final Machine machine;
    private final ArchOps ops;

    TlbMaintenance(Machine machine, ArchOps ops) {
        this.machine = machine;
        this.ops = ops;
    }

    /**
     * {@code tlbi} (SYS with op0 = 1, CRn = 8). CRm 7 is the local form; CRm 3 (inner
     * shareable) and 1 (outer shareable) broadcast, which takes effect on the other vCPUs
     * only when this one completes a DSB. Range forms (CRm 2, 5, 6) are taken at their word.
     */
    void arm64Sys(Vcpu v, int op0, int op1, int crn, int crm, int op2, long xt) {
        if (op0 != 1 || op1 != 0 || crn != 8) {
            return;   // dc/ic/at and EL2/EL3 operations: not TLB maintenance we model
        }
        boolean range = crm == 2 || crm == 5 || crm == 6;
        boolean broadcast = crm == 3 || crm == 1 || crm == 2 || crm == 5;
        Optional<Arm64TlbiOp> op = decode(op2, range);
        if (op.isEmpty()) {
            machine.warn("cpu " + v.id + ": tlbi with op2 " + op2 + " (CRm " + crm + ") is not modelled; treated as vmalle1"
                    + (broadcast ? "is" : ""));
        }
        Arm64TlbiOp o = op.orElse(Arm64TlbiOp.VMALLE1);
        String operand = switch (o.scope()) {
            case VA -> String.format(" va 0x%x", Arm64TlbiOp.vaOf(xt));
            case RANGE -> String.format(" va 0x%x +0x%x", Arm64TlbiOp.rangeStart(xt), Arm64TlbiOp.rangeLength(xt));
            case ASID -> " asid " + (xt >>> 48);
            case ALL -> "";
        };
        machine.tlbEvent(v, "TLBI " + o.name().toLowerCase(java.util.Locale.ROOT) + (broadcast ? "is" : "") + operand
                + (broadcast ? " (other CPUs at the DSB)" : ""));
        v.tlb.arm64Tlbi(o, xt);
        if (broadcast) {
            machine.broadcasts().issue(v.id, o, xt);
        }
    }

    private static Optional<Arm64TlbiOp> decode(int op2, boolean range) {
        return Optional.ofNullable(switch (op2) {
            case 0 -> range ? null : Arm64TlbiOp.VMALLE1;
            case 1 -> range ? Arm64TlbiOp.RVAE1 : Arm64TlbiOp.VAE1;
            case 2 -> range ? null : Arm64TlbiOp.ASIDE1;
            case 3 -> range ? Arm64TlbiOp.RVAAE1 : Arm64TlbiOp.VAAE1;
            case 5 -> range ? Arm64TlbiOp.RVALE1 : Arm64TlbiOp.VALE1;
            case 7 -> range ? Arm64TlbiOp.RVAALE1 : Arm64TlbiOp.VAALE1;
            default -> null;
        });
    }

    /** x86 {@code invlpg}, {@code invpcid} and writes to CR0, CR3, CR4, about to execute on v. */
    void x86(Vcpu v, Instruction insn, long nextRip) {
        String m = insn.mnemonic();
        X86Regime regime = (X86Regime) ops.regime(v.uc);
        int pcid = ops.addressSpaceId(regime, 0);
        if (m.startsWith("invlpg")) {
            long va = X86Operands.effectiveAddress(v.uc, insn.operands(), nextRip);
            machine.tlbEvent(v, String.format("INVLPG 0x%x", va));
            v.tlb.x86Invlpg(va, pcid);
            return;
        }
        if (m.startsWith("invpcid")) {
            // The descriptor lives in memory; invalidating everything is always allowed.
            machine.tlbEvent(v, "INVPCID: every entry");
            v.tlb.x86FlushAll();
            return;
        }
        int cr = X86Operands.movToCrTarget(m, insn.operands());
        if (cr < 0) {
            return;
        }
        long value = X86Operands.movToCrSource(v.uc, insn.operands());
        if (cr == 3 || cr == 4 || cr == 0) {
            machine.tlbEvent(v, String.format("CR%d = 0x%x", cr, value));
        }
        switch (cr) {
            case 3 -> v.tlb.x86WriteCr3(value, regime.cr4());
            case 4 -> {
                if (((regime.cr4() ^ value) & (X86Regime.CR4_PGE | X86Regime.CR4_PCIDE)) != 0) {
                    v.tlb.x86FlushAll();
                }
            }
            case 0 -> {
                if (((regime.cr0() ^ value) & X86Regime.CR0_PG) != 0) {
                    v.tlb.x86FlushAll();
                }
            }
            default -> { }
        }
    }
}
