package io.mmulab.gui.windows;

import imgui.ImGui;
import imgui.flag.ImGuiTreeNodeFlags;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.PageTableNode;
import io.mmulab.gui.view.PageTableView;
import imgui.flag.ImGuiInputTextFlags;
import imgui.type.ImString;

/**
 * A page-table tree, entry by entry with flags: by default the selected vCPU's current tables
 * (its regime's roots), or those of any mm in use (init_mm, the kernel's, included), picked in
 * the combo. Entries changed since the last stop are highlighted and their branches open.
 */
public final class PageTableWindow extends DebuggerWindow {
    private final DebugSession session;
    private final ImString walkText = new ImString(32);
    private String walkError = "";
    /** The walk the tree last scrolled to, so that it scrolls once, not every frame. */
    private long scrollTo = -1;

    public PageTableWindow(DebugSession session) {
        super(Layout.PAGE_TABLES);
        this.session = session;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        PageTableView t = s.pageTables();
        long shown = session.tablesShown();
        String current = shown == 0 ? "cpu" + t.cpu() + "'s current tables" : "mm " + hex(shown);
        ImGui.setNextItemWidth(-1);
        if (ImGui.beginCombo("##root", current)) {
            if (ImGui.selectable("cpu" + t.cpu() + "'s current tables (select a vCPU in Machine)", shown == 0)) {
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
        wrapped(t.regime());
        walkField(t);
        ImGui.textUnformatted(t.leaves().size() + " leaf mappings");
        ImGui.sameLine();
        colored(Palette.CHANGED, "changed since the last stop");
        if (t.walk() != null) {
            ImGui.sameLine();
            colored(Palette.WALK, "walked");
        }
        if (t.tree().isEmpty()) {
            ImGui.textUnformatted("translation is off: no tables");
            return;
        }
        ImGui.beginChild("tree");
        for (PageTableNode n : t.tree()) {
            node(n, t.walk());
        }
        ImGui.endChild();
    }

    /** Walk one address: its entries are opened and marked in the tree. */
    private void walkField(PageTableView t) {
        ImGui.setNextItemWidth(200);
        if (ImGui.inputText("walk va##walk", walkText, ImGuiInputTextFlags.EnterReturnsTrue)) {
            String v = walkText.get().strip();
            try {
                session.walk(v.isEmpty() ? -1 : Long.parseUnsignedLong(v.startsWith("0x") ? v.substring(2) : v, 16));
                walkError = "";
            } catch (NumberFormatException e) {
                walkError = "not a hex address: '" + v + "'";
            }
        }
        if (!walkError.isEmpty()) {
            ImGui.sameLine();
            colored(Palette.STALE, walkError);
        }
        PageTableView.Walk w = t.walk();
        if (w != null) {
            ImGui.sameLine();
            colored(Palette.WALK, hex(w.va()) + " " + w.result());
        }
    }

    private void node(PageTableNode n, PageTableView.Walk walk) {
        String text = String.format("L%d[%d] @0x%x = 0x%x  va 0x%x%s  %s", n.level(), n.index(), n.entryAddress(),
                n.value(), n.va(), n.leaf() ? " -> pa 0x" + Long.toHexString(n.value() & 0x000f_ffff_ffff_f000L) : "",
                n.flags());
        boolean walked = walk != null && walk.reads(n.entryAddress());
        boolean hot = n.anyChanged();
        if (walked || hot) {
            ImGui.pushStyleColor(imgui.flag.ImGuiCol.Text, walked ? Palette.WALK : Palette.CHANGED);
            ImGui.setNextItemOpen(true, imgui.flag.ImGuiCond.Always);
        }
        int flags = n.leaf() ? ImGuiTreeNodeFlags.Leaf | ImGuiTreeNodeFlags.NoTreePushOnOpen : 0;
        boolean open = ImGui.treeNodeEx(Long.toString(n.entryAddress()), flags, text.replace("%", "%%"));
        if (walked || hot) {
            ImGui.popStyleColor();
        }
        if (walked && n.leaf() && scrollTo != walk.va()) {
            ImGui.setScrollHereY(0.3f);
            scrollTo = walk.va();
        }
        if (open && !n.leaf()) {
            for (PageTableNode c : n.children()) {
                node(c, walk);
            }
            ImGui.treePop();
        }
    }
}
