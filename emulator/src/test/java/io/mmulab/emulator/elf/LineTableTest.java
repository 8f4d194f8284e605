package io.mmulab.emulator.elf;

import io.mmulab.emulator.elf.DwarfBytes.File4;
import io.mmulab.emulator.elf.DwarfBytes.Params;
import io.mmulab.emulator.elf.DwarfBytes.Program;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The line table reader on hand-built {@code .debug_line} sections. */
class LineTableTest {
    private static final long A = 0xffffffff80001000L;
    private static final long B = 0xffffffff80002000L;

    private static final int DW_LNCT_PATH = 1;
    private static final int DW_LNCT_DIRECTORY_INDEX = 2;
    private static final int DW_LNCT_TIMESTAMP = 3;
    private static final int DW_LNCT_SIZE = 4;
    private static final int DW_LNCT_MD5 = 5;
    private static final int DW_LNCT_LLVM_SOURCE = 0x2001;
    private static final int DW_FORM_DATA1 = 0x0b;
    private static final int DW_FORM_DATA2 = 0x05;
    private static final int DW_FORM_DATA4 = 0x06;
    private static final int DW_FORM_STRING = 0x08;
    private static final int DW_FORM_STRP = 0x0e;
    private static final int DW_FORM_UDATA = 0x0f;
    private static final int DW_FORM_DATA16 = 0x1e;
    private static final int DW_FORM_LINE_STRP = 0x1f;
    private static final int DW_FORM_STRX1 = 0x25;

    static LineTable parse(byte[] debugLine) throws ImageFormatException {
        return parse(debugLine, null, null);
    }

    static LineTable parse(byte[] debugLine, byte[] lineStr, byte[] str) throws ImageFormatException {
        return LineTable.parse("img.elf", ByteBuffer.wrap(debugLine), lineStr == null ? null : ByteBuffer.wrap(lineStr),
                str == null ? null : ByteBuffer.wrap(str));
    }

    private static void at(LineTable t, long address, String expected) {
        assertEquals(expected, t.describe(address), "at 0x" + Long.toHexString(address));
        Optional<SourceLine> l = t.lookup(address);
        assertEquals(expected.isEmpty(), l.isEmpty());
        l.ifPresent(s -> assertEquals(expected, s.file() + ":" + s.line()));
    }

    /** A version 4 unit exercising every standard opcode, file names and two sequences. */
    static byte[] v4Unit() {
        Params p = Params.of(4);
        byte[] tables = DwarfBytes.tables4(List.of("kernel", "include/linux", "/usr/include/"),
                List.of(new File4("smp.c", 1), new File4("atomic.h", 2), new File4("/abs/x.c", 1),
                        new File4("top.c", 0), new File4("stdint.h", 3), new File4("bogus.c", 9)));
        Program prog = new Program(p)
                .setAddress(A).advanceLine(41).copy()               // A: smp.c:42
                .special(4, 1)                                      // A+4: 43
                .setFile(2).special(2, -3)                          // A+6: atomic.h:40
                .constAddPc()                                       // +17
                .setColumn(7).negateStmt().prologueEnd().discriminator(3).copy() // A+0x17
                .fixedAdvancePc(0x100).setFile(3).copy()            // A+0x117: /abs/x.c
                .setFile(4).special(1, 0)                           // A+0x118: top.c (directory 0)
                .setFile(5).special(1, 0)                           // A+0x119: /usr/include/stdint.h
                .setFile(6).special(1, 0)                           // A+0x11a: bogus.c (no directory 9)
                .setFile(99).special(1, 0)                          // A+0x11b: ?? (no file 99)
                .advancePc(5).endSequence()                         // end A+0x120
                .setAddress(B).advanceLine(99).copy()               // B: smp.c:100 (registers were reset)
                .special(0, 1)                                      // B: 101, the one that counts
                .advancePc(0x10).endSequence()                      // end B+0x10
                .setAddress(0x5000).endSequence()                   // no rows
                .setAddress(0x6000).copy().endSequence();           // no bytes
        return DwarfBytes.unit(p, tables, prog.toArray());
    }

    @Test
    void version4ProgramWithEveryStandardOpcode() throws Exception {
        LineTable t = parse(v4Unit());
        assertEquals(1, t.unitCount());
        assertEquals(2, t.sequenceCount());
        assertEquals(11, t.rowCount());
        assertTrue(t.warning().isEmpty());
        at(t, A - 1, "");
        at(t, A, "kernel/smp.c:42");
        at(t, A + 3, "kernel/smp.c:42");
        at(t, A + 4, "kernel/smp.c:43");
        at(t, A + 5, "kernel/smp.c:43");
        at(t, A + 6, "include/linux/atomic.h:40");
        at(t, A + 0x17, "include/linux/atomic.h:40");
        at(t, A + 0x116, "include/linux/atomic.h:40");
        at(t, A + 0x117, "/abs/x.c:40");
        at(t, A + 0x118, "top.c:40");
        at(t, A + 0x119, "/usr/include/stdint.h:40");
        at(t, A + 0x11a, "bogus.c:40");
        at(t, A + 0x11b, "??:40");
        at(t, A + 0x11f, "??:40");
        // end_sequence closes the range: nothing between the sequences
        at(t, A + 0x120, "");
        at(t, B - 1, "");
        at(t, B, "kernel/smp.c:101");
        at(t, B + 0xf, "kernel/smp.c:101");
        at(t, B + 0x10, "");
        at(t, 0x5000, "");
        at(t, 0x6000, "");
        at(t, 0, "");
        at(t, -1L, "");
        SourceLine l = t.lookup(A + 6).orElseThrow();
        assertEquals(new SourceLine("include/linux/atomic.h", 40), l);
        assertEquals("atomic.h", l.baseName());
        assertEquals("include/linux/atomic.h:40", l.toString());
    }

    @Test
    void version2OpcodeBase10MakesOpcodes10To12Special() throws Exception {
        Params p = Params.of(2).opcodes(10, Arrays.copyOf(Params.STANDARD, 9));
        Program prog = new Program(p).setAddress(0x1000).advanceLine(9).copy()  // 0x1000: 10
                .special(0, -3)      // opcode 12 (set_isa from version 3 on): 0x1000: 7
                .special(2, 1)       // 0x1002: 8
                .advancePc(2).endSequence();
        assertEquals(12, prog.toArray()[14] & 0xff);
        LineTable t = parse(DwarfBytes.unit(p, DwarfBytes.tables4(List.of(), List.of(new File4("a.c", 0))),
                prog.toArray()));
        at(t, 0x1000, "a.c:7");
        at(t, 0x1001, "a.c:7");
        at(t, 0x1002, "a.c:8");
        at(t, 0x1004, "");
    }

    @Test
    void unknownStandardAndExtendedOpcodesAreSkippedAndDefineFileAddsAFile() throws Exception {
        int[] lengths = Arrays.copyOf(Params.STANDARD, 13);
        lengths[12] = 2; // opcode 13: two ULEB128 operands
        Params p = Params.of(3).opcodes(14, lengths);
        Program prog = new Program(p).setAddress(0x2000)
                .raw(13, 0xac, 0x02, 5)                           // unknown opcode 13 with 300, 5
                .vendorExtended(0x80, (byte) 1, (byte) 2, (byte) 3) // DW_LNE_lo_user
                .copy()                                           // 0x2000: a.c:1
                .defineFile("gen.c", 1).setFile(2).special(3, 2)  // 0x2003: dir/gen.c:3
                .advancePc(1).endSequence();
        LineTable t = parse(DwarfBytes.unit(p, DwarfBytes.tables4(List.of("dir"), List.of(new File4("a.c", 0))),
                prog.toArray()));
        at(t, 0x2000, "a.c:1");
        at(t, 0x2002, "a.c:1");
        at(t, 0x2003, "dir/gen.c:3");
        at(t, 0x2004, "");
    }

    @Test
    void minimumInstructionLengthScalesAdvancesButNotFixedAdvancePc() throws Exception {
        Params p = Params.of(4).minInst(4);
        Program prog = new Program(p).setAddress(0x40000000L).copy() // :1
                .special(2, 1)                    // +8: 2
                .constAddPc().copy()              // +68: 0x4000004c: 2
                .fixedAdvancePc(4).advanceLine(5).copy() // 0x40000050: 7
                .advancePc(3).endSequence();      // 0x4000005c
        LineTable t = parse(DwarfBytes.unit(p, DwarfBytes.tables4(List.of(), List.of(new File4("b.c", 0))),
                prog.toArray()));
        at(t, 0x40000007L, "b.c:1");
        at(t, 0x40000008L, "b.c:2");
        at(t, 0x4000004bL, "b.c:2");
        at(t, 0x4000004fL, "b.c:2");
        at(t, 0x40000050L, "b.c:7");
        at(t, 0x4000005bL, "b.c:7");
        at(t, 0x4000005cL, "");
    }

    @Test
    void vliwOperationIndexAdvancesTheAddressPerBundle() throws Exception {
        Params p = Params.of(4).minInst(16).maxOps(3);
        Program prog = new Program(p).setAddress(0x1000).copy() // 0x1000 op 0: 1
                .special(1, 1)        // op 1, same bundle: 2
                .special(2, 1)        // op 3 -> next bundle 0x1010: 3
                .advancePc(4).copy()  // (0+4)/3: 0x1020 op 1: 3
                .advancePc(2)         // (1+2)/3: 0x1030
                .endSequence();
        LineTable t = parse(DwarfBytes.unit(p, DwarfBytes.tables4(List.of(), List.of(new File4("v.c", 0))),
                prog.toArray()));
        at(t, 0x1000, "v.c:2");
        at(t, 0x100f, "v.c:2");
        at(t, 0x1010, "v.c:3");
        at(t, 0x1020, "v.c:3");
        at(t, 0x102f, "v.c:3");
        at(t, 0x1030, "");
    }

    // ---------------------------------------------------------------------------------------------
    // version 5 and 64-bit DWARF

    /** .debug_line_str for the version 5 units. */
    private static final String LINE_STR = "/build\0kernel\0include/linux\0smp.c\0atomic.h\0main.c\0/abs/y.c\0";

    private static int lineStr(String s) {
        int i = LINE_STR.indexOf(s + "\0");
        assertTrue(i >= 0 && (i == 0 || LINE_STR.charAt(i - 1) == 0), s);
        return i;
    }

    private static final String STR = "xx\0atomic.h\0";

    /** line_strp paths, udata directory indices, MD5s. */
    static byte[] v5UnitA() {
        Params p = Params.of(5);
        DwarfBytes t = new DwarfBytes();
        t.u8(1).uleb(DW_LNCT_PATH).uleb(DW_FORM_LINE_STRP);
        t.uleb(3).u32(lineStr("/build")).u32(lineStr("kernel")).u32(lineStr("include/linux"));
        t.u8(3).uleb(DW_LNCT_PATH).uleb(DW_FORM_LINE_STRP).uleb(DW_LNCT_DIRECTORY_INDEX).uleb(DW_FORM_UDATA)
                .uleb(DW_LNCT_MD5).uleb(DW_FORM_DATA16);
        byte[] md5 = new byte[16];
        Arrays.fill(md5, (byte) 0x5a);
        t.uleb(5);
        t.u32(lineStr("smp.c")).uleb(1).bytes(md5);      // 0: the primary file
        t.u32(lineStr("smp.c")).uleb(1).bytes(md5);      // 1: gcc repeats it
        t.u32(lineStr("atomic.h")).uleb(2).bytes(md5);   // 2
        t.u32(lineStr("main.c")).uleb(0).bytes(md5);     // 3: in the compilation directory
        t.u32(lineStr("/abs/y.c")).uleb(1).bytes(md5);   // 4: absolute
        Program prog = new Program(p).setAddress(0x10000).copy() // file 1: kernel/smp.c:1
                .advanceLine(9).setFile(2).special(4, 0)          // 0x10004 include/linux/atomic.h:10
                .setFile(0).special(4, 0)                         // 0x10008 kernel/smp.c:10
                .setFile(3).special(4, 0)                         // 0x1000c main.c:10
                .setFile(4).special(4, 0)                         // 0x10010 /abs/y.c:10
                .advancePc(4).endSequence();
        return DwarfBytes.unit(p, t.toArray(), prog.toArray());
    }

    /** Inline string directories; strp paths, data1 directory indices and ignored content types. */
    static byte[] v5UnitB() {
        Params p = Params.of(5);
        DwarfBytes t = new DwarfBytes();
        t.u8(1).uleb(DW_LNCT_PATH).uleb(DW_FORM_STRING);
        t.uleb(2).str("/comp").str("lib");
        t.u8(5).uleb(DW_LNCT_PATH).uleb(DW_FORM_STRP).uleb(DW_LNCT_DIRECTORY_INDEX).uleb(DW_FORM_DATA1)
                .uleb(DW_LNCT_SIZE).uleb(DW_FORM_UDATA).uleb(DW_LNCT_TIMESTAMP).uleb(DW_FORM_DATA4)
                .uleb(DW_LNCT_LLVM_SOURCE).uleb(DW_FORM_STRING);
        t.uleb(1).u32(STR.indexOf("atomic.h")).u8(1).uleb(1234).u32(0x12345678).str("int x;\n");
        Program prog = new Program(p).setAddress(0x20000).setFile(0).advanceLine(4).copy() // lib/atomic.h:5
                .advancePc(8).endSequence();
        return DwarfBytes.unit(p, t.toArray(), prog.toArray());
    }

    /** 64-bit DWARF version 5: 8-byte line_strp offsets, data2 directory indices. */
    static byte[] v5Unit64() {
        Params p = Params.of(5).in64BitDwarf();
        DwarfBytes t = new DwarfBytes();
        t.u8(1).uleb(DW_LNCT_PATH).uleb(DW_FORM_LINE_STRP);
        t.uleb(2).u64(lineStr("/build")).u64(lineStr("kernel"));
        t.u8(2).uleb(DW_LNCT_PATH).uleb(DW_FORM_STRING).uleb(DW_LNCT_DIRECTORY_INDEX).uleb(DW_FORM_DATA2);
        t.uleb(2).str("sched.c").u16(1).str("sched.c").u16(1);
        Program prog = new Program(p).setAddress(0x30000).advanceLine(99).copy() // kernel/sched.c:100
                .advancePc(2).endSequence();
        return DwarfBytes.unit(p, t.toArray(), prog.toArray());
    }

    /** 64-bit DWARF version 4. */
    static byte[] v4Unit64() {
        Params p = Params.of(4).in64BitDwarf();
        Program prog = new Program(p).setAddress(0x40000).advanceLine(6).copy() // mm/fault.c:7
                .special(3, 2)                                                    // 0x40003: 9
                .advancePc(1).endSequence();
        return DwarfBytes.unit(p, DwarfBytes.tables4(List.of("mm"), List.of(new File4("fault.c", 1))),
                prog.toArray());
    }

    /** Version 5 with 4-byte addresses. */
    static byte[] v5UnitAddr4() {
        Params p = Params.of(5).addressSize(4);
        DwarfBytes t = new DwarfBytes();
        t.u8(1).uleb(DW_LNCT_PATH).uleb(DW_FORM_STRING).uleb(1).str("/c");
        t.u8(2).uleb(DW_LNCT_PATH).uleb(DW_FORM_STRING).uleb(DW_LNCT_DIRECTORY_INDEX).uleb(DW_FORM_UDATA);
        t.uleb(2).str("e.c").uleb(0).str("e.c").uleb(0);
        Program prog = new Program(p).setAddress(0x80001000L).copy().advancePc(4).endSequence();
        return DwarfBytes.unit(p, t.toArray(), prog.toArray());
    }

    @Test
    void version5TablesFormsAnd64BitDwarfInOneSection() throws Exception {
        byte[] section = DwarfBytes.concat(v5UnitA(), v5UnitB(), v5Unit64(), v4Unit64(), v5UnitAddr4(),
                v4Unit(), new byte[3]); // trailing alignment padding
        LineTable t = parse(section, LINE_STR.getBytes(StandardCharsets.UTF_8), STR.getBytes(StandardCharsets.UTF_8));
        assertEquals(6, t.unitCount());
        at(t, 0x10000, "kernel/smp.c:1");
        at(t, 0x10003, "kernel/smp.c:1");
        at(t, 0x10004, "include/linux/atomic.h:10");
        at(t, 0x10008, "kernel/smp.c:10");
        at(t, 0x1000c, "main.c:10");
        at(t, 0x10010, "/abs/y.c:10");
        at(t, 0x10014, "");
        at(t, 0x20000, "lib/atomic.h:5");
        at(t, 0x20007, "lib/atomic.h:5");
        at(t, 0x30001, "kernel/sched.c:100");
        at(t, 0x40002, "mm/fault.c:7");
        at(t, 0x40003, "mm/fault.c:9");
        at(t, 0x40004, "");
        at(t, 0x80001000L, "e.c:1");
        at(t, A, "kernel/smp.c:42");
        at(t, B, "kernel/smp.c:101");
        at(t, 0x80001004L, "");
    }

    @Test
    void thirtyTwoBitAddressesAreZeroExtended() throws Exception {
        LineTable t = parse(v5UnitAddr4());
        at(t, 0x80001003L, "e.c:1");
        at(t, 0xffffffff80001000L, "");
    }

    @Test
    void overlappingSequencesPreferTheInnerOne() throws Exception {
        Params p = Params.of(4);
        byte[] tables = DwarfBytes.tables4(List.of(), List.of(new File4("o.c", 0)));
        byte[] outer = DwarfBytes.unit(p, tables, new Program(p).setAddress(0x1000).copy()
                .advancePc(0x100).endSequence().toArray());
        byte[] inner = DwarfBytes.unit(p, tables, new Program(p).setAddress(0x1040).advanceLine(49).copy()
                .advancePc(0x10).endSequence().toArray());
        byte[] later = DwarfBytes.unit(p, tables, new Program(p).setAddress(0x1200).advanceLine(99).copy()
                .advancePc(0x10).endSequence().toArray());
        LineTable t = parse(DwarfBytes.concat(outer, inner, later));
        at(t, 0x1000, "o.c:1");
        at(t, 0x1045, "o.c:50");
        at(t, 0x1050, "o.c:1");
        at(t, 0x10ff, "o.c:1");
        at(t, 0x1100, "");
        at(t, 0x1200, "o.c:100");
    }

    @Test
    void addressesGoingBackwardsInASequenceAreSorted() throws Exception {
        Params p = Params.of(4);
        Program prog = new Program(p).setAddress(0x2000).copy()     // 0x2000: 1
                .setAddress(0x1ff0).advanceLine(1).copy()             // 0x1ff0: 2
                .setAddress(0x2010).endSequence();
        LineTable t = parse(DwarfBytes.unit(p, DwarfBytes.tables4(List.of(), List.of(new File4("s.c", 0))),
                prog.toArray()));
        at(t, 0x1ff0, "s.c:2");
        at(t, 0x1fff, "s.c:2");
        at(t, 0x2000, "s.c:1");
        at(t, 0x2010, "");
    }

    @Test
    void emptySectionGivesAnEmptyTable() throws Exception {
        LineTable t = parse(new byte[0]);
        assertTrue(t.isEmpty());
        assertEquals("", t.describe(0x1000));
        assertTrue(LineTable.empty().lookup(0).isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // errors

    private static String error(byte[] section) {
        return error(section, null, null);
    }

    private static String error(byte[] section, byte[] lineStr, byte[] str) {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> parse(section, lineStr, str));
        String m = e.getMessage();
        assertTrue(m.startsWith("img.elf: .debug_line"), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    private static void contains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "'" + message + "' lacks '" + f + "'");
        }
    }

    private static byte[] unitWithProgram(Params p, Program prog) {
        return DwarfBytes.unit(p, DwarfBytes.tables4(List.of(), List.of(new File4("t.c", 0))), prog.toArray());
    }

    @Test
    void truncatedSectionNamesTheUnitAndItsLength() {
        byte[] good = v4Unit();
        contains(error(Arrays.copyOf(good, good.length - 5)), "unit at 0x0", "truncated", "unit_length");
        // a unit cut inside the unit_length field itself
        byte[] two = DwarfBytes.concat(good, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1});
        contains(error(two), "unit at 0x" + Integer.toHexString(good.length), "truncated unit_length");
    }

    @Test
    void truncatedLineProgramIsAClearError() {
        Params p = Params.of(4);
        // DW_LNE_set_address whose 8-byte operand runs past the end of the unit
        contains(error(unitWithProgram(p, new Program(p).raw(0, 9, 2, 1, 2, 3))),
                "unit at 0x0", "truncated extended opcode", "9 bytes needed");
        // an SLEB128 that never ends
        contains(error(unitWithProgram(p, new Program(p).setAddress(0x1000).raw(3, 0x80, 0x80))),
                "truncated line program");
        // the program ends inside a sequence
        contains(error(unitWithProgram(p, new Program(p).setAddress(0x1000).copy().special(4, 1))),
                "truncated line program", "no DW_LNE_end_sequence", "0x1004");
        // the second of two units is the bad one
        byte[] bad = unitWithProgram(p, new Program(p).setAddress(0x1000).copy());
        contains(error(DwarfBytes.concat(v4Unit(), bad)), "unit at 0x" + Integer.toHexString(v4Unit().length));
    }

    @Test
    void badHeadersAreClearErrors() {
        byte[] good = v4Unit();
        byte[] v6 = good.clone();
        v6[4] = 6;
        contains(error(v6), "unsupported line table version 6");
        byte[] v1 = good.clone();
        v1[4] = 1;
        contains(error(v1), "unsupported line table version 1");
        contains(error(new DwarfBytes().u32(0xfffffff5L).u32(0).toArray()), "reserved unit_length");
        byte[] longHeader = good.clone();
        ByteBuffer.wrap(longHeader).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(6, 0x10000);
        contains(error(longHeader), "header_length");
        byte[] noRange = good.clone();
        noRange[14] = 0; // line_range: length 4, version 2, header_length 4, min_inst, max_ops, is_stmt, line_base
        contains(error(noRange), "line_range is 0");
        contains(error(new byte[] {1, 2, 3}), "stray bytes");
    }

    @Test
    void version5FormProblemsAreClearErrors() {
        Params p = Params.of(5);
        DwarfBytes strx = new DwarfBytes().u8(1).uleb(DW_LNCT_PATH).uleb(DW_FORM_STRX1).uleb(1).u8(0)
                .u8(0).uleb(0);
        contains(error(DwarfBytes.unit(p, strx.toArray(), new byte[0])),
                "unsupported form 0x25", "directory table");
        // line_strp without a .debug_line_str
        contains(error(v5UnitA()), ".debug_line_str", "does not have");
        // a line_strp offset outside .debug_line_str
        contains(error(v5UnitA(), "/build\0".getBytes(StandardCharsets.UTF_8), null), "outside .debug_line_str");
        // strp into .debug_str, missing
        contains(error(v5UnitB()), ".debug_str");
    }
}
