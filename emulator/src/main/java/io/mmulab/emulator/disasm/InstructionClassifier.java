package io.mmulab.emulator.disasm;

import io.mmulab.emulator.Arch;

import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Says what each instruction means to the memory system (DESIGN.md section 2, "Where
 * instructions are classified"). Works on the encoding, not on capstone's text. Stateless.
 */
public final class InstructionClassifier {
    private final Arch arch;

    public InstructionClassifier(Arch arch) {
        this.arch = Objects.requireNonNull(arch, "arch");
    }

    public Arch arch() {
        return arch;
    }

    /** {@link Classification#NONE} for ordinary instructions. */
    public Classification classify(Instruction insn) {
        return arch == Arch.ARM64 ? Arm64Classifier.classify(insn) : X86Classifier.classify(insn);
    }

    /**
     * Classifies every instruction of a text range; returns only the interesting ones, keyed by
     * address, in address order (unsigned, so kernel addresses sort after user ones).
     */
    public NavigableMap<Long, Classification> classifyAll(List<Instruction> insns) {
        NavigableMap<Long, Classification> out = new TreeMap<>(Long::compareUnsigned);
        for (Instruction i : insns) {
            Classification c = classify(i);
            if (!c.isNone()) {
                out.put(i.address(), c);
            }
        }
        return out;
    }
}
