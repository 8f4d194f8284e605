// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code .text} of a relocatable ELF64 object from the assembler, and the symbols its
 * relocations name. A thread's code must need no relocation: its branches stay inside the
 * thread and its addresses are numbers, so a relocation means a name the assembler did not
 * know (a branch to a missing label, a typo'd location).
 */
record ObjectText(byte[] text, List<String> unresolved) {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int SHT_REL = 9;

    static ObjectText read(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.length < 64 || b.getInt(0) != 0x464c457f || elf[4] != 2 || elf[5] != 1) {
            throw new IllegalArgumentException("the assembler's output is not a little-endian ELF64 object");
        }
        long shoff = b.getLong(40);
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;
        int shstrndx = b.getShort(62) & 0xffff;
        Section[] sh = new Section[shnum];
        for (int i = 0; i < shnum; i++) {
            int o = (int) (shoff + (long) i * shentsize);
            sh[i] = new Section(b.getInt(o), b.getInt(o + 4), b.getLong(o + 24), b.getLong(o + 32), b.getInt(o + 40),
                    b.getInt(o + 44), "");
        }
        for (int i = 0; i < shnum; i++) {
            sh[i] = sh[i].named(cString(elf, sh[shstrndx].offset + sh[i].nameOff));
        }
        int text = -1;
        for (int i = 0; i < shnum; i++) {
            if (sh[i].name.equals(".text")) {
                text = i;
            }
        }
        if (text < 0) {
            throw new IllegalArgumentException("the assembler's output has no .text section");
        }
        byte[] code = Arrays.copyOfRange(elf, (int) sh[text].offset, (int) (sh[text].offset + sh[text].size));
        List<String> unresolved = new ArrayList<>();
        for (Section s : sh) {
            if ((s.type == SHT_RELA || s.type == SHT_REL) && s.size > 0) {
                Section symtab = sh[s.link];
                Section strtab = symtab.type == SHT_SYMTAB ? sh[symtab.link] : null;
                int entry = s.type == SHT_RELA ? 24 : 16;
                for (long r = 0; r < s.size; r += entry) {
                    long info = b.getLong((int) (s.offset + r + 8));
                    int sym = (int) (info >>> 32);
                    String name = "?";
                    if (strtab != null && sym != 0) {
                        int nameOff = b.getInt((int) (symtab.offset + (long) sym * 24));
                        name = cString(elf, strtab.offset + nameOff);
                    }
                    if (!unresolved.contains(name)) {
                        unresolved.add(name);
                    }
                }
            }
        }
        return new ObjectText(code, List.copyOf(unresolved));
    }

    private record Section(int nameOff, int type, long offset, long size, int link, int info, String name) {
        Section named(String n) {
            return new Section(nameOff, type, offset, size, link, info, n);
        }
    }

    private static String cString(byte[] b, long off) {
        int e = (int) off;
        while (e < b.length && b[e] != 0) {
            e++;
        }
        return new String(b, (int) off, e - (int) off, StandardCharsets.UTF_8);
    }
}
