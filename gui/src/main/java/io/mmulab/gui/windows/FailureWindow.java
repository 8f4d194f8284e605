package io.mmulab.gui.windows;

import imgui.ImGui;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.view.MachineSnapshot;

/** How the run ended: the oracle's report and the race diagram of the accesses that matter. */
public final class FailureWindow extends DebuggerWindow {
    public FailureWindow() {
        super(Layout.FAILURE);
    }

    @Override
    protected void contents(MachineSnapshot s) {
        if (!s.ended()) {
            colored(Palette.DIM, "no failure yet (run to the end, or replay a failing trace)");
            return;
        }
        if (!s.outcome().failed()) {
            ImGui.textUnformatted("DONE(" + s.outcome().status() + "): the scenario finished cleanly");
            return;
        }
        ImGui.pushStyleColor(imgui.flag.ImGuiCol.Text, Palette.STALE);
        wrapped(s.outcome().kind() + ": " + s.outcome().message());
        ImGui.popStyleColor();
        ImGui.beginChild("diagram", 0, 0, false, imgui.flag.ImGuiWindowFlags.HorizontalScrollbar);
        ImGui.textUnformatted(s.raceDiagram());
        ImGui.endChild();
    }
}
