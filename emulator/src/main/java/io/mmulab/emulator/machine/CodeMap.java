package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.disasm.Classification;
import io.mmulab.emulator.disasm.Disassembler;
import io.mmulab.emulator.disasm.Instruction;
import io.mmulab.emulator.disasm.InstructionClassifier;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.Segment;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The instructions of the image's text that matter to the memory system, by virtual
 * address, found once before the guest runs. Code hooks go on exactly these addresses so
 * that ordinary instructions pay nothing.
 */
final class CodeMap {

    record Entry(Instruction insn, Classification cls, AccessProfile profile) {
        boolean isHalt() {
            return cls.halts();
        }
    }

    private final NavigableMap<Long, Entry> entries;

    private CodeMap(NavigableMap<Long, Entry> entries) {
        this.entries = entries;
    }

    static CodeMap of(ElfImage image) {
        Arch arch = image.arch();
        NavigableMap<Long, Entry> out = new TreeMap<>(Long::compareUnsigned);
        try (Disassembler dis = new Disassembler(arch)) {
            InstructionClassifier classifier = new InstructionClassifier(arch);
            for (Segment s : image.segments()) {
                if (!s.executable()) {
                    continue;
                }
                List<Instruction> insns = dis.disassemble(s.data(), s.vaddr());
                Map<Long, Instruction> byAddr = new TreeMap<>(Long::compareUnsigned);
                for (Instruction i : insns) {
                    byAddr.put(i.address(), i);
                }
                classifier.classifyAll(insns).forEach((addr, cls) -> out.put(addr,
                        new Entry(byAddr.get(addr), cls, AccessProfile.of(arch, cls))));
            }
        }
        return new CodeMap(Collections.unmodifiableNavigableMap(out));
    }

    NavigableMap<Long, Entry> entries() {
        return entries;
    }
}
