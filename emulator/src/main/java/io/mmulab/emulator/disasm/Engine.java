package io.mmulab.emulator.disasm;

import java.util.List;

/** A decoding back end. Not thread-safe. */
interface Engine extends AutoCloseable {

    /**
     * Decodes {@code code[from, to)}, the first byte at {@code address}, until the range ends,
     * {@code max} instructions were decoded ({@code max <= 0}: no limit) or an instruction cannot
     * be decoded; never throws for bad bytes.
     */
    List<Instruction> decode(byte[] code, int from, int to, long address, int max);

    /** Which engine this is, for messages. */
    String describe();

    @Override
    void close();
}
