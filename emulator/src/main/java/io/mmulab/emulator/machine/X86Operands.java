package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Unicorn;
import io.mmulab.emulator.unicorn.X86Reg;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the operands of the few x86 instructions whose effect on the TLB model depends
 * on them ({@code invlpg m}, {@code mov %reg, %crN}), from capstone's AT&T text and the
 * registers at the moment the instruction is about to run.
 */
final class X86Operands {
    /** AT&T memory operand: [seg:][disp](base[,index[,scale]]) or a bare displacement. */
    private static final Pattern MEM = Pattern.compile(
            "(?:%\\w+:)?(-?(?:0x[0-9a-f]+|\\d+))?(?:\\((%\\w+)?(?:,(%\\w+)(?:,(\\d))?)?\\))?");

    private X86Operands() {
    }

    /** The effective address of the memory operand text, e.g. {@code 0x10(%rax,%rbx,8)}. */
    static long effectiveAddress(Unicorn uc, String operand, long nextRip) {
        Matcher m = MEM.matcher(operand.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot evaluate memory operand '" + operand + "'");
        }
        long ea = m.group(1) == null ? 0 : Long.decode(m.group(1));
        if (m.group(2) != null) {
            ea += m.group(2).equals("%rip") ? nextRip : register(uc, m.group(2));
        }
        if (m.group(3) != null) {
            ea += register(uc, m.group(3)) * (m.group(4) == null ? 1 : Integer.parseInt(m.group(4)));
        }
        return ea;
    }

    /** The value of the source register of {@code mov %reg, %crN} ("%rax, %cr3"). */
    static long movToCrSource(Unicorn uc, String operands) {
        String src = operands.split(",")[0].trim();
        return register(uc, src);
    }

    /** The control register a {@code mov %reg, %crN} writes, e.g. 3; -1 if it writes none. */
    static int movToCrTarget(String mnemonic, String operands) {
        String[] parts = operands.split(",");
        if (!mnemonic.startsWith("mov") || parts.length != 2) {
            return -1;
        }
        String dst = parts[1].trim().toLowerCase(Locale.ROOT);
        return dst.startsWith("%cr") ? Integer.parseInt(dst.substring(3)) : -1;
    }

    static long register(Unicorn uc, String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("%", "");
        X86Reg r = switch (n) {
            case "rax", "eax" -> X86Reg.RAX;
            case "rbx", "ebx" -> X86Reg.RBX;
            case "rcx", "ecx" -> X86Reg.RCX;
            case "rdx", "edx" -> X86Reg.RDX;
            case "rsi", "esi" -> X86Reg.RSI;
            case "rdi", "edi" -> X86Reg.RDI;
            case "rbp", "ebp" -> X86Reg.RBP;
            case "rsp", "esp" -> X86Reg.RSP;
            case "r8" -> X86Reg.R8;
            case "r9" -> X86Reg.R9;
            case "r10" -> X86Reg.R10;
            case "r11" -> X86Reg.R11;
            case "r12" -> X86Reg.R12;
            case "r13" -> X86Reg.R13;
            case "r14" -> X86Reg.R14;
            case "r15" -> X86Reg.R15;
            default -> throw new IllegalArgumentException("unsupported register operand '" + name + "'");
        };
        long v = uc.readReg(r);
        return n.startsWith("e") ? v & 0xffffffffL : v;
    }
}
