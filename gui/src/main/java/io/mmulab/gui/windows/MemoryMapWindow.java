package io.mmulab.gui.windows;

import imgui.ImDrawList;
import imgui.ImGui;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.KernelView;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.mmu.LeafMapping;
import io.mmulab.mmu.PageOwner;
import io.mmulab.mmu.tlb.TlbView;

import java.util.List;

/**
 * Physical memory, one cell per 4 KiB frame (per group of frames for memories above 128 MiB),
 * coloured by owner as the guest reports it, or with the refcounts overlay by each frame's
 * struct page _refcount. Clicking a frame shows its owner, when it last changed hands, its
 * struct page in one line, and who maps it: the selected vCPU's page tables and every TLB.
 */
public final class MemoryMapWindow extends DebuggerWindow {
    private static final int COLUMNS = 256;
    private static final int MAX_CELLS = COLUMNS * 128;
    private static final float CELL = 2f;

    private final DebugSession session;

    public MemoryMapWindow(DebugSession session) {
        super(Layout.MEMORY);
        this.session = session;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        byte[] owners = s.frameOwners();
        if (owners.length == 0) {
            ImGui.textUnformatted(s.status());
            return;
        }
        int[] refcounts = s.kernel().refcounts().length == owners.length ? s.kernel().refcounts() : null;
        boolean overlay = session.showsRefcounts();
        if (ImGui.checkbox("refcounts", overlay)) {
            session.showRefcounts(!overlay);
        }
        ImGui.sameLine();
        if (refcounts != null) {
            refcountLegend();
        } else {
            legend();
        }
        int perCell = Math.max(1, (owners.length + MAX_CELLS - 1) / MAX_CELLS);
        int cells = (owners.length + perCell - 1) / perCell;
        int rows = (cells + COLUMNS - 1) / COLUMNS;
        float x0 = ImGui.getCursorScreenPosX();
        float y0 = ImGui.getCursorScreenPosY();
        ImDrawList draw = ImGui.getWindowDrawList();
        // One rectangle per run of equal cells in a row keeps the vertex count small.
        for (int row = 0; row < rows; row++) {
            int c = row * COLUMNS;
            int end = Math.min(cells, c + COLUMNS);
            while (c < end) {
                int colour = refcounts != null ? cellRefcountColour(refcounts, c, perCell)
                        : Palette.owner(PageOwner.of(cellOwner(owners, c, perCell)));
                int run = c + 1;
                while (run < end && (refcounts != null ? cellRefcountColour(refcounts, run, perCell)
                        : Palette.owner(PageOwner.of(cellOwner(owners, run, perCell)))) == colour) {
                    run++;
                }
                float x = x0 + (c - row * COLUMNS) * CELL;
                draw.addRectFilled(x, y0 + row * CELL, x + (run - c) * CELL, y0 + (row + 1) * CELL, colour);
                c = run;
            }
        }
        long sel = session.selectedFrame();
        if (sel >= 0) {
            int cell = (int) (sel / perCell);
            float x = x0 + (cell % COLUMNS) * CELL;
            float y = y0 + (cell / COLUMNS) * CELL;
            draw.addRect(x - 2, y - 2, x + CELL + 2, y + CELL + 2, Palette.SELECTED);
        }
        ImGui.invisibleButton("frames", COLUMNS * CELL, rows * CELL);
        if (ImGui.isItemClicked()) {
            int cx = (int) ((ImGui.getIO().getMousePosX() - x0) / CELL);
            int cy = (int) ((ImGui.getIO().getMousePosY() - y0) / CELL);
            long pfn = (long) (cy * COLUMNS + cx) * perCell;
            if (cx >= 0 && cx < COLUMNS && pfn < owners.length) {
                session.selectFrame(pfn);
            }
        }
        if (perCell > 1) {
            colored(Palette.DIM, perCell + " frames per cell (the first non-free owner shown)");
        }
        detail(s);
    }

    private static int cellOwner(byte[] owners, int cell, int perCell) {
        int first = cell * perCell;
        for (int f = first; f < Math.min(owners.length, first + perCell); f++) {
            if (owners[f] != 0) {
                return owners[f];
            }
        }
        return owners[first];
    }

    /** The colour of a cell's refcount: the largest in the cell (a negative one wins: it is a bug). */
    private static int cellRefcountColour(int[] refcounts, int cell, int perCell) {
        int first = cell * perCell;
        int max = KernelView.UNKNOWN;
        for (int f = first; f < Math.min(refcounts.length, first + perCell); f++) {
            int r = refcounts[f];
            if (r != KernelView.UNKNOWN && r < 0) {
                return Palette.refcount(r);
            }
            max = Math.max(max, r);
        }
        return max == KernelView.UNKNOWN ? Palette.REFCOUNT_UNKNOWN : Palette.refcount(max);
    }

    private static void refcountLegend() {
        ImDrawList d = ImGui.getWindowDrawList();
        int[] samples = {0, 1, 2, 3, 8, -1};
        String[] names = {"0", "1", "2", "3-7", "8+", "<0"};
        for (int i = 0; i < samples.length; i++) {
            float x = ImGui.getCursorScreenPosX();
            float y = ImGui.getCursorScreenPosY();
            d.addRectFilled(x, y + 3, x + 8, y + 11, Palette.refcount(samples[i]));
            ImGui.dummy(10, 12);
            ImGui.sameLine();
            ImGui.textUnformatted(names[i]);
            if (i < samples.length - 1) {
                ImGui.sameLine();
            }
        }
    }

    private static void legend() {
        ImDrawList d = ImGui.getWindowDrawList();
        for (PageOwner o : PageOwner.values()) {
            float x = ImGui.getCursorScreenPosX();
            float y = ImGui.getCursorScreenPosY();
            d.addRectFilled(x, y + 3, x + 8, y + 11, Palette.owner(o));
            ImGui.dummy(10, 12);
            ImGui.sameLine();
            ImGui.textUnformatted(o.name().toLowerCase(java.util.Locale.ROOT));
            if (o.ordinal() % 4 != 3) {
                ImGui.sameLine();
            }
        }
    }

    private void detail(MachineSnapshot s) {
        MachineSnapshot.FrameDetail f = s.frame();
        if (f == null) {
            colored(Palette.DIM, "click a frame for its owner and who maps it");
            return;
        }
        long pa = f.pfn() << 12;
        ImGui.textUnformatted(String.format("pfn 0x%x (pa 0x%x): %s, owner changed at step %d, last freed at step %d", f.pfn(), pa,
                PageOwner.of(f.owner()).name().toLowerCase(java.util.Locale.ROOT), f.lastChangedStep(),
                f.lastFreedStep()));
        KernelView.PageDetail page = s.kernel().page();
        if (page != null && page.page().pfn() == f.pfn()) {
            colored(Palette.STRUCT_PAGE, "  struct page: " + page.page().summary());
        }
        List<LeafMapping> maps = s.pageTables().leaves().stream()
                .filter(m -> Long.compareUnsigned(pa - m.pa(), m.size()) < 0).toList();
        // More than one 4 KiB mapping of a frame outside the direct map is an alias (HVO's vmemmap).
        long small = maps.stream().filter(m -> m.size() == 4096).count();
        if (small > 1) {
            colored(Palette.STALE, String.format("  %d mappings of this frame: aliased", maps.size()));
        }
        for (int i = 0; i < Math.min(maps.size(), 9); i++) {
            LeafMapping m = maps.get(i);
            ImGui.textUnformatted(String.format("  mapped at va 0x%x by %s (L%d, k:%s)", m.va() + (pa - m.pa()),
                    s.pageTables().regime().split(":")[0], m.level(), m.kernel()));
        }
        if (maps.size() > 9) {
            ImGui.textUnformatted("  ... and " + (maps.size() - 9) + " more");
        }
        int shown = maps.size();
        for (int cpu = 0; cpu < s.tlbs().size(); cpu++) {
            List<TlbView> tlb = s.tlbs().get(cpu);
            for (TlbView t : tlb) {
                if (Long.compareUnsigned(pa - t.entry().pa(), t.entry().pageSize()) < 0) {
                    String line = String.format("  cached by cpu%d's TLB at va 0x%x%s", cpu,
                            t.entry().va() + (pa - t.entry().pa()), t.stale() ? " (STALE: " + t.why() + ")" : "");
                    if (t.stale()) {
                        colored(Palette.STALE, line);
                    } else {
                        ImGui.textUnformatted(line);
                    }
                }
            }
        }
        if (shown == 0) {
            ImGui.textUnformatted("  not mapped by " + s.pageTables().regime().split(":")[0]);
        }
    }
}
