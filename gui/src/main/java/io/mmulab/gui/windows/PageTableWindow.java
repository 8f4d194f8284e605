package io.mmulab.gui.windows;

import imgui.ImGui;
import imgui.flag.ImGuiTreeNodeFlags;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.PageTableNode;

/**
 * A page-table tree, entry by entry with flags: by default the selected vCPU's current tables
 * (its regime's roots), or those of any mm in use (init_mm, the kernel's, included), picked in
 * the combo. Entries the last step changed are highlighted and their branches open.
 */
public final class PageTableWindow extends DebuggerWindow {
    private final DebugSession session;

    public PageTableWindow(DebugSession session) {
        super(Layout.PAGE_TABLES);
        this.session = session;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        long shown = session.tablesShown();
        String current = shown == 0 ? "cpu" + s.pageTableCpu() + "'s current tables" : "mm " + hex(shown);
        ImGui.setNextItemWidth(-1);
        if (ImGui.beginCombo("##root", current)) {
            if (ImGui.selectable("cpu" + s.pageTableCpu() + "'s current tables (select a vCPU in Machine)", shown == 0)) {
                session.showTablesOf(0);
            }
            for (var mm : s.kernel().mms()) {
                String label = String.format("mm %s (%s), pgd pa %s", hex(mm.mm()), mm.users(), hex(mm.pgd()));
                if (ImGui.selectable(label.replace("%", "%%"), mm.mm() == shown)) {
                    session.showTablesOf(mm.mm());
                }
            }
            ImGui.endCombo();
        }
        wrapped(s.regime());
        ImGui.textUnformatted(s.leaves().size() + " leaf mappings");
        ImGui.sameLine();
        colored(Palette.CHANGED, "changed by the last step");
        if (s.pageTables().isEmpty()) {
            ImGui.textUnformatted("translation is off: no tables");
            return;
        }
        ImGui.beginChild("tree");
        for (PageTableNode n : s.pageTables()) {
            node(n);
        }
        ImGui.endChild();
    }

    private void node(PageTableNode n) {
        String text = String.format("L%d[%d] @0x%x = 0x%x  va 0x%x%s  %s", n.level(), n.index(), n.entryAddress(),
                n.value(), n.va(), n.leaf() ? " -> pa 0x" + Long.toHexString(n.value() & 0x000f_ffff_ffff_f000L) : "",
                n.flags());
        boolean hot = n.anyChanged();
        if (hot) {
            ImGui.pushStyleColor(imgui.flag.ImGuiCol.Text, Palette.CHANGED);
            ImGui.setNextItemOpen(true, imgui.flag.ImGuiCond.Always);
        }
        int flags = n.leaf() ? ImGuiTreeNodeFlags.Leaf | ImGuiTreeNodeFlags.NoTreePushOnOpen : 0;
        boolean open = ImGui.treeNodeEx(Long.toString(n.entryAddress()), flags, text.replace("%", "%%"));
        if (hot) {
            ImGui.popStyleColor();
        }
        if (open && !n.leaf()) {
            for (PageTableNode c : n.children()) {
                node(c);
            }
            ImGui.treePop();
        }
    }
}
