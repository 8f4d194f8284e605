package io.mmulab.gui.windows;

import imgui.ImGui;
import imgui.flag.ImGuiTableFlags;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.mmu.tlb.TlbEntry;
import io.mmulab.mmu.tlb.TlbView;

import java.util.List;

/** Each vCPU's TLB model; entries the page tables no longer agree with are marked stale, with why. */
public final class TlbWindow extends DebuggerWindow {
    private int raisedFor = -1;

    public TlbWindow() {
        super(Layout.TLBS);
    }

    @Override
    protected void contents(MachineSnapshot s) {
        if (!ImGui.beginTabBar("tlbs")) {
            return;
        }
        // When stale entries appear on a vCPU, bring its tab to the front once.
        int staleCpu = -1;
        for (int cpu = 0; cpu < s.tlbs().size() && staleCpu < 0; cpu++) {
            staleCpu = s.tlbs().get(cpu).stream().anyMatch(TlbView::stale) ? cpu : -1;
        }
        boolean raise = staleCpu >= 0 && staleCpu != raisedFor;
        raisedFor = staleCpu;
        for (int cpu = 0; cpu < s.tlbs().size(); cpu++) {
            List<TlbView> tlb = s.tlbs().get(cpu);
            long stale = tlb.stream().filter(TlbView::stale).count();
            int flags = raise && cpu == staleCpu ? imgui.flag.ImGuiTabItemFlags.SetSelected : 0;
            if (ImGui.beginTabItem("cpu" + cpu + " (" + tlb.size() + (stale > 0 ? ", " + stale + " stale" : "") + ")###cpu"
                    + cpu, flags)) {
                table(tlb);
                ImGui.endTabItem();
            }
        }
        ImGui.endTabBar();
    }

    private static void table(List<TlbView> tlb) {
        int flags = ImGuiTableFlags.Borders | ImGuiTableFlags.RowBg | ImGuiTableFlags.ScrollY
                | ImGuiTableFlags.SizingFixedFit;
        if (!ImGui.beginTable("entries", 6, flags)) {
            return;
        }
        ImGui.tableSetupScrollFreeze(0, 1);
        ImGui.tableSetupColumn("va");
        ImGui.tableSetupColumn("pa");
        ImGui.tableSetupColumn("size");
        ImGui.tableSetupColumn("perms");
        ImGui.tableSetupColumn("asid/step");
        ImGui.tableSetupColumn("stale?");
        ImGui.tableHeadersRow();
        // stale entries first: they are what this window is for
        for (boolean staleRows : new boolean[] {true, false}) {
            for (TlbView v : tlb) {
                if (v.stale() != staleRows) {
                    continue;
                }
                TlbEntry e = v.entry();
                ImGui.tableNextRow();
                if (v.stale()) {
                    ImGui.pushStyleColor(imgui.flag.ImGuiCol.Text, Palette.STALE);
                }
                ImGui.tableNextColumn();
                ImGui.textUnformatted(hex(e.va()));
                ImGui.tableNextColumn();
                ImGui.textUnformatted(hex(e.pa()));
                ImGui.tableNextColumn();
                ImGui.textUnformatted((e.pageSize() >> 10) + "K");
                ImGui.tableNextColumn();
                ImGui.textUnformatted(e.perms() + " " + e.privilege().name().toLowerCase(java.util.Locale.ROOT));
                ImGui.tableNextColumn();
                ImGui.textUnformatted((e.global() ? "G" : "asid " + e.asid()) + " @" + e.fillStep());
                ImGui.tableNextColumn();
                ImGui.textUnformatted(v.stale() ? "STALE: " + v.why() : v.why());
                if (v.stale()) {
                    ImGui.popStyleColor();
                }
            }
        }
        ImGui.endTable();
    }
}
