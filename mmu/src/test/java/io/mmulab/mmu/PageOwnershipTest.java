package io.mmulab.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PageOwnershipTest {
    @Test
    void rangesAndRuns() {
        PageOwnership o = new PageOwnership(64 * 4096);
        assertEquals(64, o.frames());
        assertEquals(Map.of(0L, PageOwner.FREE), o.runs());
        o.set(0, 8, PageOwner.KERNEL, 1);
        o.set(8, 2, PageOwner.PAGE_TABLE, 2);
        o.set(20, 4, PageOwner.ANON, 3);
        o.set(22, 2, PageOwner.ANON, 4); // same owner: one run, no change
        o.set(63, 1, PageOwner.SLAB, 5);
        assertEquals(PageOwner.KERNEL, o.owner(7));
        assertEquals(PageOwner.PAGE_TABLE, o.owner(8));
        assertEquals(PageOwner.FREE, o.owner(10));
        TreeMap<Long, PageOwner> expected = new TreeMap<>(Map.of(0L, PageOwner.KERNEL, 8L, PageOwner.PAGE_TABLE,
                10L, PageOwner.FREE, 20L, PageOwner.ANON, 24L, PageOwner.FREE, 63L, PageOwner.SLAB));
        assertEquals(expected, o.runs());
        assertEquals(3, o.lastChangedStep(23), "re-setting the same owner is not a change");
        assertEquals(-1, o.lastChangedStep(30));
    }

    @Test
    void lastFreedStepRecordsBecomingFree() {
        PageOwnership o = new PageOwnership(16 * 4096);
        assertEquals(-1, o.lastFreedStep(3), "initially free, never freed");
        o.set(2, 4, PageOwner.ANON, 10);
        o.set(3, 1, PageOwner.FREE, 20);
        o.set(3, 2, PageOwner.FREE, 30); // frame 3 already free: keeps 20
        assertEquals(20, o.lastFreedStep(3));
        assertEquals(30, o.lastFreedStep(4));
        assertEquals(-1, o.lastFreedStep(2));
        assertEquals(10, o.lastChangedStep(2));
        o.set(3, 1, PageOwner.PAGE_CACHE, 40);
        assertEquals(20, o.lastFreedStep(3), "reallocation keeps the last free step");
        assertEquals(40, o.lastChangedStep(3));
    }

    @Test
    void outOfRangeIsRejectedWithAClearMessage() {
        PageOwnership o = new PageOwnership(16 * 4096 + 1); // rounds up to 17 frames
        assertEquals(17, o.frames());
        o.set(16, 1, PageOwner.KERNEL, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> o.set(15, 3, PageOwner.ANON, 1));
        assertEquals("page owner update for pfn 0xf + 3 pages (ANON) is outside memory: valid pfns are 0x0..0x10",
                e.getMessage());
        assertEquals(PageOwner.FREE, o.owner(15), "a rejected update changes nothing");
        assertThrows(IllegalArgumentException.class, () -> o.set(-1, 1, PageOwner.ANON, 1));
        assertThrows(IllegalArgumentException.class, () -> o.set(0, -1, PageOwner.ANON, 1));
        assertThrows(IllegalArgumentException.class, () -> o.set(Long.MAX_VALUE, 2, PageOwner.ANON, 1));
        var g = assertThrows(IllegalArgumentException.class, () -> o.owner(17));
        assertTrue(g.getMessage().contains("pfn 0x11 is outside memory"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.lastFreedStep(-1));
    }

    @Test
    void ownerCodes() {
        assertEquals(PageOwner.FREE, PageOwner.of(0));
        assertEquals(PageOwner.PAGE_TABLE, PageOwner.of(2));
        assertEquals(PageOwner.SLAB, PageOwner.of(7));
        assertEquals(5, PageOwner.HUGETLB.code());
        assertThrows(IllegalArgumentException.class, () -> PageOwner.of(8));
        assertThrows(IllegalArgumentException.class, () -> PageOwner.of(-1));
    }
}
