// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The general-purpose registers a litmus thread may name, per architecture. */
public final class Registers {
    /** x86-64 registers in slot order; rsp is left out: the runner's stack must survive the test. */
    public static final List<String> X86 = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");
    private static final List<String> X86_32 = List.of("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d");
    /** AArch64: X0..X30 in slots 0..30 (SP and XZR are not registers a test can set). */
    public static final int ARM64_COUNT = 31;

    private Registers() {
    }

    /** The number of slots a thread's register table needs. */
    public static int count(Arch arch) {
        return arch == Arch.X86_64 ? X86.size() : ARM64_COUNT;
    }

    /** The canonical register of slot {@code slot}. */
    public static Register ofSlot(Arch arch, int slot) {
        return arch == Arch.X86_64 ? new Register(X86.get(slot), slot, 64) : new Register("X" + slot, slot, 64);
    }

    /** {@code name} (any case, an optional {@code %} on x86) as a register of {@code arch}. */
    public static Optional<Register> resolve(Arch arch, String name) {
        String n = name.startsWith("%") ? name.substring(1) : name;
        n = n.toLowerCase(Locale.ROOT);
        if (arch == Arch.X86_64) {
            int i = X86.indexOf(n);
            if (i >= 0) {
                return Optional.of(new Register(X86.get(i), i, 64));
            }
            i = X86_32.indexOf(n);
            return i >= 0 ? Optional.of(new Register(X86.get(i), i, 32)) : Optional.empty();
        }
        if (n.length() < 2 || (n.charAt(0) != 'x' && n.charAt(0) != 'w')) {
            return Optional.empty();
        }
        String digits = n.substring(1);
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 2
                || (digits.length() == 2 && digits.charAt(0) == '0')) {
            return Optional.empty();
        }
        int i = Integer.parseInt(digits);
        if (i >= ARM64_COUNT) {
            return Optional.empty();
        }
        return Optional.of(new Register("X" + i, i, n.charAt(0) == 'x' ? 64 : 32));
    }

    /** What a register of {@code arch} looks like, for "expected" messages. */
    public static String describe(Arch arch) {
        return arch == Arch.X86_64 ? "an x86-64 register (rax, rbx, ..., r15)" : "an AArch64 register (X0..X30, W0..W30)";
    }
}
