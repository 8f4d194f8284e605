package io.mmulab.emulator.elf;

/** A function or object symbol from the image's symbol table. */
public record ElfSymbol(String name, long address, long size, boolean function) {

    public boolean contains(long va) {
        long span = Math.max(size, 1);
        return Long.compareUnsigned(va, address) >= 0 && Long.compareUnsigned(va - address, span) < 0;
    }
}
