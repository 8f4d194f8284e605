package io.mmulab.gui.app;

import java.util.List;

/**
 * Where every window opens, and its title-bar colour. The layout is fixed (ImGui's ini file
 * is off), so a screenshot always has the same windows at the same places: the headless test
 * checks the title bars' colours at these positions.
 */
public final class Layout {
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 1000;

    /** A window's place and title colour (0xRRGGBB). */
    public record Slot(String title, int x, int y, int width, int height, int titleRgb) {
        /** A point on the title bar that no title text or button covers. */
        public int probeX() {
            return x + width - 12;
        }

        public int probeY() {
            return y + 8;
        }
    }

    public static final Slot MACHINE = new Slot("Machine", 0, 0, 520, 440, 0x33598f);
    public static final Slot CODE = new Slot("Code", 520, 0, 560, 560, 0x26734c);
    public static final Slot PAGE_TABLES = new Slot("Page tables", 1080, 0, 520, 380, 0x804c1a);
    public static final Slot TLBS = new Slot("TLBs", 1080, 380, 520, 260, 0x732673);
    public static final Slot STORE_BUFFERS = new Slot("Store buffers and interrupts", 1080, 640, 520, 130, 0x1a6673);
    public static final Slot MEMORY = new Slot("Physical memory", 0, 440, 520, 410, 0x66661a);
    public static final Slot TIMELINE = new Slot("Timeline", 520, 560, 560, 290, 0x404080);
    public static final Slot FAILURE = new Slot("Failure", 0, 850, 1080, 150, 0x8c1f1f);
    public static final Slot STRUCT_PAGES = new Slot("Struct pages", 1080, 770, 520, 230, 0x4d4d4d);

    public static final List<Slot> ALL = List.of(MACHINE, CODE, PAGE_TABLES, TLBS, STORE_BUFFERS, MEMORY, TIMELINE,
            FAILURE, STRUCT_PAGES);

    private Layout() {
    }
}
