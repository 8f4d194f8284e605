package io.mmulab.emulator.elf;

import io.mmulab.emulator.Arch;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfImageTest {
    private static final Path P = Path.of("test.elf");

    /**
     * A minimal ELF64: one PT_LOAD (vaddr 0xffffffff80200000, paddr 0x200000, 16 code bytes,
     * memsz 0x1000), a symbol table with "entry_func" (FUNC, 16 bytes) and "table" (OBJECT).
     */
    static byte[] minimalElf(int machine) {
        ByteBuffer b = ByteBuffer.allocate(0x400).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2);                 // ET_EXEC
        b.putShort(18, (short) machine);
        b.putInt(20, 1);
        b.putLong(24, 0x200000L);                   // e_entry (physical)
        b.putLong(32, 64);                          // e_phoff
        b.putLong(40, 0x200);                       // e_shoff
        b.putShort(52, (short) 64);
        b.putShort(54, (short) 56);
        b.putShort(56, (short) 1);
        b.putShort(58, (short) 64);
        b.putShort(60, (short) 3);                  // null, symtab, strtab
        // PT_LOAD at file 0x100
        b.putInt(64, 1);
        b.putInt(68, 5);                            // R|X
        b.putLong(72, 0x100);
        b.putLong(80, 0xffffffff80200000L);
        b.putLong(88, 0x200000L);
        b.putLong(96, 16);
        b.putLong(104, 0x1000);
        for (int i = 0; i < 16; i++) {
            b.put(0x100 + i, (byte) (0x90 + i));
        }
        // strtab at 0x180
        byte[] strtab = "\0entry_func\0table\0".getBytes(StandardCharsets.US_ASCII);
        b.put(0x180, strtab);
        // symtab at 0x1c0: null symbol, then two
        putSym(b, 0x1c0 + 24, 1, 0x12, 0xffffffff80200000L, 16);
        putSym(b, 0x1c0 + 48, 12, 0x11, 0xffffffff80200100L, 64);
        // section headers at 0x200: [1] symtab, [2] strtab
        int sh1 = 0x200 + 64;
        b.putInt(sh1 + 4, 2);
        b.putLong(sh1 + 24, 0x1c0);
        b.putLong(sh1 + 32, 72);
        b.putInt(sh1 + 40, 2);
        b.putLong(sh1 + 56, 24);
        int sh2 = 0x200 + 128;
        b.putInt(sh2 + 4, 3);
        b.putLong(sh2 + 24, 0x180);
        b.putLong(sh2 + 32, strtab.length);
        return b.array();
    }

    private static void putSym(ByteBuffer b, int off, int name, int info, long value, long size) {
        b.putInt(off, name);
        b.put(off + 4, (byte) info);
        b.putLong(off + 8, value);
        b.putLong(off + 16, size);
    }

    @Test
    void parsesSegmentsSymbolsAndEntry() throws Exception {
        ElfImage img = ElfImage.parse(P, minimalElf(62));
        assertEquals(Arch.X86_64, img.arch());
        assertEquals(0x200000L, img.entry());
        assertEquals(1, img.segments().size());
        Segment s = img.segments().get(0);
        assertEquals(0x200000L, s.paddr());
        assertEquals(0x1000, s.memSize());
        assertTrue(s.executable());
        assertEquals((byte) 0x90, s.data()[0]);
        assertEquals(0xffffffff80200000L, img.symbols().byName("entry_func").orElseThrow().address());
        assertEquals("entry_func+0x4", img.symbols().describe(0xffffffff80200004L));
        assertEquals("table", img.symbols().describe(0xffffffff80200100L));
        assertEquals("0x1234", img.symbols().describe(0x1234));
        assertEquals(0x200010L, img.physicalAddressOf(0xffffffff80200010L).orElseThrow());
        assertTrue(img.physicalAddressOf(0xffffffff80201000L).isEmpty());
        assertEquals(64, img.sha256().length());
    }

    @Test
    void aarch64MachineIsArm64() throws Exception {
        assertEquals(Arch.ARM64, ElfImage.parse(P, minimalElf(183)).arch());
    }

    @Test
    void rejectsBadInputWithTheFileName() {
        byte[] good = minimalElf(62);
        expect(new byte[] {1, 2, 3}, "not an ELF file");
        byte[] c32 = good.clone();
        c32[4] = 1;
        expect(c32, "not a 64-bit ELF");
        byte[] be = good.clone();
        be[5] = 2;
        expect(be, "not a little-endian ELF");
        expect(minimalElf(8), "machine 8");
        expect(Arrays.copyOf(good, 40), "truncated");
        expect(Arrays.copyOf(good, 0x108), "truncated");
        byte[] noLoad = good.clone();
        noLoad[64] = 4; // PT_NOTE instead of PT_LOAD
        expect(noLoad, "no loadable segments");
        byte[] fileBiggerThanMem = good.clone();
        ByteBuffer.wrap(fileBiggerThanMem).order(ByteOrder.LITTLE_ENDIAN).putLong(104, 8);
        expect(fileBiggerThanMem, "p_filesz > p_memsz");
    }

    private static void expect(byte[] bytes, String fragment) {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ElfImage.parse(P, bytes));
        assertTrue(e.getMessage().startsWith("test.elf: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void segmentDataIsACopy() throws Exception {
        byte[] bytes = minimalElf(62);
        ElfImage img = ElfImage.parse(P, bytes);
        byte[] before = img.segments().get(0).data().clone();
        bytes[0x100] = 0;
        assertArrayEquals(before, img.segments().get(0).data());
    }
}
