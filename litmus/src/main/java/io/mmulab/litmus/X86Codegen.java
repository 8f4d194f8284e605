// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SortedSet;
import java.util.regex.Matcher;

/**
 * x86-64 (AT&amp;T, GNU as). The runner's data lies in the kernel image, in the top 2 GiB of the
 * address space, so every address fits a sign-extended 32-bit displacement: a location
 * operand {@code (x)} becomes the absolute address, and the register-out stores need no base
 * register (every register but rsp may belong to the test).
 */
final class X86Codegen implements ThreadCodegen {
    private static final int JMP_REL32 = 0xe9;

    @Override
    public ThreadSource generate(LitmusTest test, int thread, Layout layout, SortedSet<Integer> observedSlots) {
        ThreadSource s = new ThreadSource();
        s.emit(".text");
        s.emit(".code64");
        for (String r : Registers.X86) {
            s.emit("xorq %" + r + ", %" + r);
        }
        for (RegisterInit init : test.registers()) {
            if (init.thread() == thread) {
                long v = ThreadCodegen.initialValue(init.value(), layout);
                s.emit("movabsq $" + v + ", %" + init.register().name());
            }
        }
        for (CodeLine line : test.threads().get(thread)) {
            s.emit(rewrite(line.text(), layout), line);
        }
        for (int slot : observedSlots) {
            s.emit("movq %" + Registers.X86.get(slot) + ", " + disp32(layout.regOutVa(thread, slot)));
        }
        s.emit(".byte " + JMP_REL32 + ", 0, 0, 0, 0");
        return s;
    }

    @Override
    public byte[] link(byte[] code, long codeVa, long target) {
        byte[] out = code.clone();
        int at = out.length - 5;
        if (at < 0 || (out[at] & 0xff) != JMP_REL32) {
            throw new IllegalStateException("thread code does not end with the placeholder jump");
        }
        long rel = target - (codeVa + out.length);
        if (rel != (int) rel) {
            throw new IllegalStateException("litmus_thread_done is out of reach of a rel32 jump");
        }
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 1, (int) rel);
        return out;
    }

    /** {@code (x)} becomes x's absolute address. */
    static String rewrite(String text, Layout layout) {
        Matcher m = CodeScanner.X86_LOCATION.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Long a = layout.locations().get(m.group(1));
            m.appendReplacement(b, a == null ? Matcher.quoteReplacement(m.group()) : disp32(a));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String disp32(long va) {
        if (va != (int) va) {
            throw new IllegalStateException(String.format("0x%x is not a sign-extended 32-bit address", va));
        }
        return Long.toString(va);
    }
}
