package io.mmulab.gui.windows;

import imgui.ImGui;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.view.MachineSnapshot;

/**
 * HOOK, not a feature yet: struct page / folio views (flags, refcount, mapcount, compound head),
 * the refcount overlay of the memory map, watched refcounts with their history plot, and the
 * vCPUs' preempt count and RCU nesting all need the guest's struct layouts, which kernel-model
 * is getting now. When it has them, read them here from committed memory at the selected
 * frame's struct page (vmemmap base + pfn * sizeof(struct page)) in the snapshot builder, and
 * draw them in this window. Until then it says so rather than showing made-up numbers.
 */
public final class StructPageWindow extends DebuggerWindow {
    public StructPageWindow() {
        super(Layout.STRUCT_PAGES);
    }

    @Override
    protected void contents(MachineSnapshot s) {
        colored(Palette.DIM, "struct page, refcounts and their history: waiting for kernel-model's");
        colored(Palette.DIM, "struct layouts (hook: io.mmulab.gui.windows.StructPageWindow).");
        if (s.frame() != null) {
            ImGui.textUnformatted(String.format("selected: pfn 0x%x", s.frame().pfn()));
        }
    }
}
