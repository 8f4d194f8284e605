package io.mmulab.emulator.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds small x86-64 ELF images with named sections (for debug-section tests). */
final class TestElf {
    record Section(String name, int type, long flags, byte[] data) {
        static Section progbits(String name, byte[] data) {
            return new Section(name, 1, 0, data);
        }
    }

    private TestElf() {
    }

    /**
     * An image with one PT_LOAD (16 bytes at 0xffffffff80200000, physical 0x200000), the given
     * sections after a null one, and a {@code .shstrtab} naming them.
     */
    static byte[] withSections(List<Section> sections) {
        List<Section> all = new ArrayList<>(sections);
        // section name table
        ByteBuffer names = ByteBuffer.allocate(4096);
        names.put((byte) 0);
        List<Integer> nameOffsets = new ArrayList<>();
        for (Section s : all) {
            nameOffsets.add(names.position());
            names.put(s.name().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        }
        int shstrtabName = names.position();
        names.put(".shstrtab".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        byte[] nameBytes = new byte[names.position()];
        names.get(0, nameBytes);

        int dataStart = 0x200;
        int size = dataStart;
        List<Integer> offsets = new ArrayList<>();
        for (Section s : all) {
            offsets.add(size);
            size += s.data().length;
        }
        int shstrtabOff = size;
        size += nameBytes.length;
        int shoff = (size + 7) & ~7;
        int shnum = all.size() + 2;
        size = shoff + shnum * 64;

        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2);
        b.putShort(18, (short) 62);
        b.putInt(20, 1);
        b.putLong(24, 0x200000L);
        b.putLong(32, 64);
        b.putLong(40, shoff);
        b.putShort(52, (short) 64);
        b.putShort(54, (short) 56);
        b.putShort(56, (short) 1);
        b.putShort(58, (short) 64);
        b.putShort(60, (short) shnum);
        b.putShort(62, (short) (shnum - 1));
        b.putInt(64, 1);
        b.putInt(68, 5);
        b.putLong(72, 0x100);
        b.putLong(80, 0xffffffff80200000L);
        b.putLong(88, 0x200000L);
        b.putLong(96, 16);
        b.putLong(104, 0x1000);
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            b.put(offsets.get(i), s.data());
            int sh = shoff + (i + 1) * 64;
            b.putInt(sh, nameOffsets.get(i));
            b.putInt(sh + 4, s.type());
            b.putLong(sh + 8, s.flags());
            b.putLong(sh + 24, offsets.get(i));
            b.putLong(sh + 32, s.data().length);
            b.putLong(sh + 48, 1);
        }
        b.put(shstrtabOff, nameBytes);
        int sh = shoff + (shnum - 1) * 64;
        b.putInt(sh, shstrtabName);
        b.putInt(sh + 4, 3);
        b.putLong(sh + 24, shstrtabOff);
        b.putLong(sh + 32, nameBytes.length);
        return b.array();
    }
}
