package io.mmulab.gui.session;

import io.mmulab.emulator.disasm.Disassembler;
import io.mmulab.emulator.disasm.Instruction;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.gui.view.VcpuView.CodeLine;
import io.mmulab.mmu.PhysicalMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Disassembly around a PC, with symbol labels. Decoding starts at the enclosing function so
 * that x86's variable-length instructions line up; the bytes come from committed memory at
 * the address the image was loaded to (kernel text is never written at run time).
 */
final class CodeListing {
    private static final int BEFORE = 14;
    private static final int AFTER = 14;
    private static final int MAX_FUNCTION = 16 * 1024;

    private final ElfImage image;
    private final Disassembler disassembler;

    CodeListing(ElfImage image, Disassembler disassembler) {
        this.image = image;
        this.disassembler = disassembler;
    }

    List<CodeLine> around(long pc, PhysicalMemory committed) {
        if (disassembler == null) {
            return List.of(new CodeLine(pc, "(no disassembler for " + image.arch() + " on this machine)", false, true));
        }
        Optional<ElfSymbol> sym = image.symbols().at(pc);
        long start = sym.map(ElfSymbol::address).filter(a -> pc - a >= 0 && pc - a < MAX_FUNCTION).orElse(pc);
        long end = pc + 64 * AFTER;
        Optional<Long> pa = image.physicalAddressOf(start);
        long phys = pa.orElse(start);
        int len = (int) Math.min(end - start, committed.size() - phys);
        if (phys < 0 || len <= 0) {
            return List.of(new CodeLine(pc, "(no code at this address)", false, true));
        }
        byte[] bytes = new byte[len];
        committed.read(phys, bytes, 0, len);
        List<Instruction> insns = disassembler.disassemble(bytes, start);
        int at = 0;
        for (int i = 0; i < insns.size(); i++) {
            if (Long.compareUnsigned(insns.get(i).address(), pc) <= 0) {
                at = i;
            }
        }
        List<CodeLine> out = new ArrayList<>();
        for (int i = Math.max(0, at - BEFORE); i < Math.min(insns.size(), at + AFTER); i++) {
            Instruction in = insns.get(i);
            Optional<ElfSymbol> s = image.symbols().at(in.address());
            if (s.isPresent() && s.get().address() == in.address()) {
                out.add(new CodeLine(in.address(), s.get().name() + ":", true, false));
            }
            out.add(new CodeLine(in.address(), in.text(), false, in.address() == pc));
        }
        return out;
    }
}
