package io.mmulab.emulator.elf;

/**
 * One section header of an image. The contents are available through
 * {@link ElfImage#sectionData(ElfSection)}.
 *
 * @param name    the name from the section name string table ({@code ""} when the image has none)
 * @param type    {@code sh_type}
 * @param flags   {@code sh_flags}
 * @param address {@code sh_addr}
 * @param offset  {@code sh_offset}: where the contents start in the file
 * @param size    {@code sh_size}
 */
public record ElfSection(String name, int type, long flags, long address, long offset, long size) {
    public static final int SHT_NOBITS = 8;
    public static final long SHF_COMPRESSED = 0x800;

    /** Whether the contents are stored compressed ({@code SHF_COMPRESSED}, or a GNU {@code .zdebug_*} name). */
    public boolean compressed() {
        return (flags & SHF_COMPRESSED) != 0 || name.startsWith(".zdebug_");
    }

    /** Whether the section takes no space in the file ({@code SHT_NOBITS}, e.g. {@code .bss}). */
    public boolean noBits() {
        return type == SHT_NOBITS;
    }
}
