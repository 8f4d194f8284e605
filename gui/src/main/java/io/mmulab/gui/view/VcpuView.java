package io.mmulab.gui.view;

import io.mmulab.emulator.elf.SourceLine;
import io.mmulab.emulator.machine.VcpuState;

import java.util.List;
import java.util.SequencedMap;

/**
 * One vCPU as the Machine and Code windows show it.
 *
 * @param where     PC as symbol+offset
 * @param line      the guest source line of the PC, or null
 * @param inService the interrupt being handled, or -1 (the vCPU is in an IRQ handler)
 * @param code      disassembly around the PC
 */
public record VcpuView(int id, VcpuState state, long pc, String where, SourceLine line, boolean irqsMasked,
                       List<Integer> pendingIrqs, int inService, SequencedMap<String, Long> registers,
                       List<CodeLine> code) {

    /** A listing line: a label ({@code text} is the symbol, {@code label} true) or an instruction. */
    public record CodeLine(long address, String text, boolean label, boolean atPc) {
    }

    /** running / parked / halted / blocked / spinning, and "in IRQ n" while a handler runs. */
    public String stateText() {
        String s = state.name().toLowerCase(java.util.Locale.ROOT);
        return inService >= 0 ? s + ", in IRQ " + inService : s;
    }
}
