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
    /**
     * The entries' access profiles by address, open addressing (linear probing, power-of-two
     * size, at most half full): what {@link #profileAt} finds on every shared access, without
     * boxing or allocating.
     */
    private final long[] keys;
    private final AccessProfile[] profiles;
    private final int mask;

    private CodeMap(NavigableMap<Long, Entry> entries) {
        this.entries = entries;
        int size = Integer.highestOneBit(Math.max(16, entries.size() * 4 - 1));
        this.keys = new long[size];
        this.profiles = new AccessProfile[size];
        this.mask = size - 1;
        entries.forEach((addr, e) -> {
            int i = slot(addr);
            while (profiles[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = addr;
            profiles[i] = e.profile();
        });
    }

    private int slot(long addr) {
        long h = addr * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** The access profile of the instruction at {@code pc}: {@link AccessProfile#PLAIN} unless it is classified. */
    AccessProfile profileAt(long pc) {
        int i = slot(pc);
        AccessProfile p;
        while ((p = profiles[i]) != null) {
            if (keys[i] == pc) {
                return p;
            }
            i = (i + 1) & mask;
        }
        return AccessProfile.PLAIN;
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
