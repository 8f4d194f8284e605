package io.mmulab.emulator.elf;

import io.mmulab.emulator.elf.DwarfBytes.File4;
import io.mmulab.emulator.elf.DwarfBytes.Params;
import io.mmulab.emulator.elf.DwarfBytes.Program;
import io.mmulab.emulator.elf.TestElf.Section;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ElfImage#sourceLines()} and the section lookup it is built on. */
class SourceLinesTest {
    private static final Path P = Path.of("lines.elf");
    private static final long A = 0xffffffff80001000L;

    private static ElfImage image(Section... sections) throws ImageFormatException {
        return ElfImage.parse(P, TestElf.withSections(List.of(sections)));
    }

    @Test
    void sectionsAreFoundByName() throws Exception {
        byte[] data = {1, 2, 3, 4};
        ElfImage img = image(Section.progbits(".debug_line", LineTableTest.v4Unit()), Section.progbits(".note", data));
        assertEquals(List.of("", ".debug_line", ".note", ".shstrtab"),
                img.sections().stream().map(ElfSection::name).toList());
        ElfSection note = img.section(".note").orElseThrow();
        ByteBuffer d = img.sectionData(note);
        assertEquals(4, d.remaining());
        assertEquals(3, d.get(2));
        assertTrue(d.isReadOnly());
        assertEquals(0x04030201, d.getInt(0)); // little-endian
        assertTrue(img.section(".debug_info").isEmpty());
    }

    @Test
    void sourceLinesAreParsedOnceOnDemand() throws Exception {
        ElfImage img = image(Section.progbits(".debug_line", LineTableTest.v4Unit()));
        LineTable t = img.sourceLines();
        assertSame(t, img.sourceLines());
        assertTrue(t.warning().isEmpty());
        assertEquals("kernel/smp.c:42", t.describe(A));
        assertEquals(new SourceLine("include/linux/atomic.h", 40), t.lookup(A + 6).orElseThrow());
        assertEquals(t.rowCount(), LineTable.read(img).rowCount());
    }

    @Test
    void version5StringSectionsComeFromTheImage() throws Exception {
        ElfImage img = image(Section.progbits(".debug_line", LineTableTest.v5UnitA()),
                new Section(".debug_line_str", 1, 0x30, ("/build\0kernel\0include/linux\0smp.c\0atomic.h\0main.c\0"
                        + "/abs/y.c\0").getBytes(StandardCharsets.UTF_8)));
        assertEquals("include/linux/atomic.h:10", img.sourceLines().describe(0x10004));
        assertTrue(img.sourceLines().warning().isEmpty());
    }

    @Test
    void anImageWithoutDebugLineHasAnEmptyTable() throws Exception {
        ElfImage img = image(Section.progbits(".note", new byte[4]));
        assertTrue(img.sourceLines().isEmpty());
        assertTrue(img.sourceLines().warning().isEmpty());
        assertEquals("", img.sourceLines().describe(A));
        // no section headers at all
        ElfImage bare = ElfImage.parse(P, ElfImageTest.minimalElf(62));
        assertTrue(bare.sourceLines().isEmpty());
        assertTrue(bare.sourceLines().warning().isEmpty());
    }

    @Test
    void aMalformedTableKeepsTheGoodUnitsAndWarns() throws Exception {
        Params p = Params.of(4);
        byte[] bad = DwarfBytes.unit(p, DwarfBytes.tables4(List.of(), List.of(new File4("t.c", 0))),
                new Program(p).setAddress(0x1000).copy().toArray());
        byte[] good = LineTableTest.v4Unit();
        ElfImage img = image(Section.progbits(".debug_line", DwarfBytes.concat(good, bad)));
        LineTable t = img.sourceLines();
        String w = t.warning().orElseThrow();
        assertTrue(w.startsWith("lines.elf: .debug_line unit at 0x" + Integer.toHexString(good.length) + ": "), w);
        assertTrue(w.contains("no DW_LNE_end_sequence"), w);
        assertEquals(1, t.unitCount());
        assertEquals("kernel/smp.c:42", t.describe(A));
        assertEquals("", t.describe(0x1000));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> LineTable.read(img));
        assertEquals(w, e.getMessage());
    }

    @Test
    void compressedSectionsAreReportedAsUnsupported() throws Exception {
        byte[] chdr = new DwarfBytes().u32(1).u32(0).u64(100).u64(1).toArray(); // Elf64_Chdr, zlib
        ElfImage img = image(new Section(".debug_line", 1, ElfSection.SHF_COMPRESSED, chdr));
        assertTrue(img.section(".debug_line").orElseThrow().compressed());
        LineTable t = img.sourceLines();
        assertTrue(t.isEmpty());
        String w = t.warning().orElseThrow();
        assertTrue(w.startsWith("lines.elf: .debug_line is compressed (SHF_COMPRESSED, zlib)"), w);
        assertTrue(w.contains("not supported"), w);
        assertEquals(w, assertThrows(ImageFormatException.class, () -> LineTable.read(img)).getMessage());

        ElfImage gnu = image(Section.progbits(".zdebug_line", "ZLIB\0\0\0\0\0\0\0\1x".getBytes(StandardCharsets.UTF_8)));
        assertTrue(gnu.sourceLines().warning().orElseThrow().contains(".zdebug_line is compressed"));

        // a compressed .debug_str only matters when the table refers to it
        ElfImage v4 = image(Section.progbits(".debug_line", LineTableTest.v4Unit()),
                new Section(".debug_str", 1, ElfSection.SHF_COMPRESSED, chdr));
        assertTrue(v4.sourceLines().warning().isEmpty());
        ElfImage v5 = image(Section.progbits(".debug_line", LineTableTest.v5UnitB()),
                new Section(".debug_str", 1, ElfSection.SHF_COMPRESSED, chdr));
        String w5 = v5.sourceLines().warning().orElseThrow();
        assertTrue(w5.contains(".debug_str, which cannot be read: .debug_str is compressed"), w5);
    }

    @Test
    void aSectionOutsideTheFileIsAWarningNotALoadFailure() throws Exception {
        byte[] bytes = TestElf.withSections(List.of(Section.progbits(".debug_line", LineTableTest.v4Unit())));
        // push the .debug_line contents past the end of the file
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int shoff = (int) b.getLong(40);
        b.putLong(shoff + 64 + 24, bytes.length - 4);
        ElfImage img = ElfImage.parse(P, bytes);
        String w = img.sourceLines().warning().orElseThrow();
        assertTrue(w.startsWith("lines.elf: truncated ELF: section .debug_line lies outside the file"), w);
    }

    @Test
    void aBadSectionNameTableIsRejected() {
        byte[] bytes = TestElf.withSections(List.of(Section.progbits(".debug_line", new byte[0])));
        ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(62, (short) 40);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ElfImage.parse(P, bytes));
        assertTrue(e.getMessage().contains("section name table index 40 is out of range"), e.getMessage());
    }
}
