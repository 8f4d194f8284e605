package io.mmulab.emulator.elf;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Struct layouts, enumerators and typedefs as gcc and aarch64-linux-gnu-gcc describe them with
 * DWARF 2 (member offsets as location expressions), 4 (the guest images') and 5. The source
 * asserts the offsets the test expects with {@code _Static_assert}, so the numbers below are
 * the compiler's, not a copy. Skipped when a compiler is missing.
 */
class CompiledTypeTableTest {

    private static final String SOURCE = """
            typedef struct { int counter; } atomic_t;
            struct list_head { struct list_head *next, *prev; };
            struct page {
            \tunsigned long flags;
            \tunion {
            \t\tstruct {
            \t\t\tunion { struct list_head lru; struct list_head buddy_list; };
            \t\t\tvoid *mapping;
            \t\t\tunsigned long index;
            \t\t};
            \t\tstruct { unsigned long compound_head; };
            \t};
            \tunion { atomic_t _mapcount; unsigned int page_type; };
            \tatomic_t _refcount;
            \tchar tag[3][5];
            };
            enum pageflags { PG_locked, PG_head = 6, PG_private = 10, __NR_PAGEFLAGS };
            enum pagetype { PGTY_buddy = 0xf0 };
            _Static_assert(sizeof(struct page) == 64, "size");
            _Static_assert(__builtin_offsetof(struct page, compound_head) == 8, "compound_head");
            _Static_assert(__builtin_offsetof(struct page, index) == 32, "index");
            _Static_assert(__builtin_offsetof(struct page, _mapcount) == 40, "_mapcount");
            _Static_assert(__builtin_offsetof(struct page, _refcount) == 44, "_refcount");
            _Static_assert(__builtin_offsetof(struct page, tag) == 48, "tag");
            struct bits { int a; unsigned int lo : 3, hi : 13; char c; };
            _Static_assert(__builtin_offsetof(struct bits, c) == 6, "c after the bit-fields");
            struct bits some_bits;
            struct page pages[2];
            enum pageflags last_flag = __NR_PAGEFLAGS;
            enum pagetype some_type = PGTY_buddy;
            void _start(void) { for (;;) ; }
            """;

    private static ElfImage compile(Path dir, String cc, int version) throws Exception {
        assumeTrue(Tools.onPath(cc), cc + " is not on the PATH");
        Files.writeString(dir.resolve("t.c"), SOURCE);
        Tools.run(dir, List.of(cc, "-g", "-gdwarf-" + version, "-O0", "-ffreestanding", "-nostdlib", "-static",
                "-fno-pic", "-no-pie", "-o", "t.elf", "t.c"));
        return ElfImage.load(dir.resolve("t.elf"));
    }

    @ParameterizedTest(name = "{0} -gdwarf-{1}")
    @CsvSource({"gcc, 2", "gcc, 4", "gcc, 5", "aarch64-linux-gnu-gcc, 2", "aarch64-linux-gnu-gcc, 4",
                "aarch64-linux-gnu-gcc, 5"})
    void layoutsEnumeratorsAndTypedefs(String cc, int version, @TempDir Path dir) throws Exception {
        TypeTable t = compile(dir, cc, version).types();
        assertTrue(t.warning().isEmpty(), () -> t.warning().get());
        TypeTable.Layout page = t.struct("page").orElseThrow();
        assertEquals(64, page.size());
        Map<String, Long> offsets = Map.of("flags", 0L, "lru", 8L, "buddy_list", 8L, "compound_head", 8L,
                "mapping", 24L, "index", 32L, "_mapcount", 40L, "page_type", 40L, "_refcount", 44L, "tag", 48L);
        offsets.forEach((name, off) -> assertEquals(off, page.field(name).orElseThrow(() ->
                new AssertionError("no field " + name + " in " + page.fields())).offset(), name));
        assertEquals(4, page.field("_refcount").orElseThrow().size());
        assertEquals("atomic_t", page.field("_refcount").orElseThrow().type());
        assertEquals(15, page.field("tag").orElseThrow().size(), "char[3][5]");
        // a named member's own fields are reachable as "a.b"
        assertEquals(44, page.field("_refcount.counter").orElseThrow().offset());
        assertEquals(16, page.field("lru.prev").orElseThrow().offset());
        assertEquals("struct list_head *", page.field("lru.prev").orElseThrow().type());

        assertEquals(6, t.enumerator("PG_head").orElseThrow());
        assertEquals(11, t.enumerator("__NR_PAGEFLAGS").orElseThrow());
        assertEquals(0xf0, t.enumerator("PGTY_buddy").orElseThrow());
        assertEquals(List.of("PG_locked", "PG_head", "PG_private", "__NR_PAGEFLAGS"),
                List.copyOf(t.enumeration("pageflags").keySet()));
        assertEquals(4, t.sizeOf("atomic_t").orElseThrow());
        assertEquals(16, t.sizeOf("struct list_head").orElseThrow());
        assertEquals(List.of("counter"), t.structOfType("atomic_t").orElseThrow().fields().stream()
                .map(TypeTable.Field::name).toList());
        TypeTable.Layout bits = t.struct("bits").orElseThrow();
        assertEquals(4, bits.field("lo").orElseThrow().offset());
        assertEquals(4, bits.field("hi").orElseThrow().offset(), "bits 3..15 of the unit at 4 start in byte 4");
        assertEquals(6, bits.field("c").orElseThrow().offset());
        assertTrue(t.struct("no_such_struct").isEmpty());
        assertTrue(t.enumerator("PG_no_such").isEmpty());
    }
}
