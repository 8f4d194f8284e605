// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SortedSet;

/**
 * AArch64 (GNU as). The test names locations only through registers the init block sets, so
 * its instructions go to the assembler unchanged. Addresses are built with movz/movk: no
 * literal pool, whose loads would be shared-memory accesses the search walks through.
 */
final class Arm64Codegen implements ThreadCodegen {
    private static final int B = 0x14000000;

    @Override
    public ThreadSource generate(LitmusTest test, int thread, Layout layout, SortedSet<Integer> observedSlots) {
        ThreadSource s = new ThreadSource();
        s.emit(".text");
        for (int r = 0; r < Registers.ARM64_COUNT; r++) {
            s.emit("mov x" + r + ", xzr");
        }
        for (RegisterInit init : test.registers()) {
            if (init.thread() == thread) {
                load(s, init.register().slot(), ThreadCodegen.initialValue(init.value(), layout));
            }
        }
        for (CodeLine line : test.threads().get(thread)) {
            s.emit(line.text(), line);
        }
        if (!observedSlots.isEmpty()) {
            // The table's base goes in a register the test does not observe (the test is over).
            int base = Registers.ARM64_COUNT - 1;
            while (observedSlots.contains(base)) {
                base--;
            }
            load(s, base, layout.regOutVa(thread, 0));
            for (int slot : observedSlots) {
                s.emit("str x" + slot + ", [x" + base + ", #" + slot * 8 + "]");
            }
        }
        s.emit(".inst " + B);
        return s;
    }

    @Override
    public byte[] link(byte[] code, long codeVa, long target) {
        byte[] out = code.clone();
        int at = out.length - 4;
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (at < 0 || b.getInt(at) != B) {
            throw new IllegalStateException("thread code does not end with the placeholder branch");
        }
        long rel = (target - (codeVa + at)) >> 2;
        if (rel < -(1 << 25) || rel >= (1 << 25)) {
            throw new IllegalStateException("litmus_thread_done is out of reach of a branch");
        }
        b.putInt(at, B | (int) (rel & 0x3ffffff));
        return out;
    }

    /** xN = v, in as few movz/movk as its non-zero halfwords need. */
    private static void load(ThreadSource s, int reg, long v) {
        s.emit("movz x" + reg + ", #" + (v & 0xffff));
        for (int shift = 16; shift < 64; shift += 16) {
            long half = (v >>> shift) & 0xffff;
            if (half != 0) {
                s.emit("movk x" + reg + ", #" + half + ", lsl #" + shift);
            }
        }
    }
}
