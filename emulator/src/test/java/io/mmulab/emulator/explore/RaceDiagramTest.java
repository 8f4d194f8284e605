package io.mmulab.emulator.explore;

import io.mmulab.emulator.explore.RaceDiagram.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaceDiagramTest {

    private static final List<Event> EVENTS = List.of(
            new Event(1, 0, "filemap_fault", "mm/filemap.c:3301", "READ 0x1000 = 0", 0x1000),
            new Event(2, 1, "do_wp_page", "mm/memory.c:3412", "READ 0x1000 = 0", 0x1000),
            new Event(3, 0, "filemap_fault", "mm/filemap.c:3305", "WRITE 0x5000 = 7", 0x5000),   // not of interest
            new Event(4, 1, "wp_page_copy", "mm/memory.c:3120", "WRITE 0x1004 = 1", 0x1004),     // same granule
            new Event(5, 1, "wp_page_copy", "", "MFENCE", -1),
            new Event(6, 2, "flush_tlb_func", "arch/x86/mm/tlb.c:77", "TLBI", -1),             // CPU 2 has no access
            new Event(7, 0, "", "mm/filemap.c:3310", "WRITE 0x1000 = 1", 0x1000),
            new Event(8, 0, "set_pte_at", "", "IRQ 251", -1),                                  // after the last access
            new Event(0, 1, "", "", "DMB ISH", -1));                                           // before the first

    @Test
    void rendersColumns() {
        String expected = """
                CPU 0                             | CPU 1
                ----------------------------------+--------------------------------
                filemap_fault (mm/filemap.c:3301) |
                READ 0x1000 = 0                   |
                                                  | do_wp_page (mm/memory.c:3412)
                                                  | READ 0x1000 = 0
                                                  | wp_page_copy (mm/memory.c:3120)
                                                  | WRITE 0x1004 = 1
                                                  | wp_page_copy
                                                  | MFENCE
                mm/filemap.c:3310                 |
                WRITE 0x1000 = 1                  |
                """;
        String got = RaceDiagram.render(EVENTS, Set.of(0x1000L));
        assertEquals(expected, got);
        for (String line : got.split("\n")) {
            assertEquals(line.stripTrailing(), line);
        }
    }

    @Test
    void rendersCompactLines() {
        String expected = """
                1  CPU 0  filemap_fault (mm/filemap.c:3301)  READ 0x1000 = 0
                2  CPU 1  do_wp_page (mm/memory.c:3412)      READ 0x1000 = 0
                4  CPU 1  wp_page_copy (mm/memory.c:3120)    WRITE 0x1004 = 1
                5  CPU 1  wp_page_copy                       MFENCE
                7  CPU 0  mm/filemap.c:3310                  WRITE 0x1000 = 1
                """;
        assertEquals(expected, RaceDiagram.renderCompact(EVENTS, Set.of(0x1000L)));
    }

    @Test
    void selection() {
        assertEquals(List.of(3L), RaceDiagram.select(EVENTS, Set.of(0x5000L)).stream().map(Event::step).toList());
        assertEquals(9, RaceDiagram.select(EVENTS, Set.of()).size());
        assertEquals("", RaceDiagram.render(EVENTS, Set.of(0x9000L)));
        assertTrue(RaceDiagram.isOrderingEvent("dmb ish"));
        assertTrue(RaceDiagram.isOrderingEvent("TLBI VAE1IS"));
        assertTrue(RaceDiagram.isOrderingEvent("IRQ 251"));
        assertFalse(RaceDiagram.isOrderingEvent("READ 0x1000 = 0"));
        assertFalse(RaceDiagram.isOrderingEvent(""));
    }

    @Test
    void threeColumns() {
        List<Event> ev = List.of(
                new Event(10, 2, "a", "x.c:1", "WRITE 0x10 = 1", 0x10),
                new Event(11, 0, "bb", "y.c:22", "READ 0x10 = 1", 0x10),
                new Event(12, 1, "c", "", "IPI", -1),
                new Event(13, 1, "c", "", "READ 0x18 = 0", 0x18));
        String expected = """
                CPU 0         | CPU 1         | CPU 2
                --------------+---------------+---------------
                              |               | a (x.c:1)
                              |               | WRITE 0x10 = 1
                bb (y.c:22)   |               |
                READ 0x10 = 1 |               |
                              | c             |
                              | IPI           |
                              | c             |
                              | READ 0x18 = 0 |
                """;
        assertEquals(expected, RaceDiagram.render(ev, Set.of(0x10L, 0x18L)));
    }
}
