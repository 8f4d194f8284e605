package io.mmulab.gui.windows;

import imgui.ImGui;
import imgui.flag.ImGuiCol;
import imgui.flag.ImGuiCond;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.view.MachineSnapshot;

/**
 * One debugger window: opens at its {@link Layout} slot with its own title colour, then draws
 * its contents from the current snapshot.
 */
public abstract class DebuggerWindow {
    private final Layout.Slot slot;

    protected DebuggerWindow(Layout.Slot slot) {
        this.slot = slot;
    }

    public final Layout.Slot slot() {
        return slot;
    }

    public final void draw(MachineSnapshot s) {
        ImGui.setNextWindowPos(slot.x(), slot.y(), ImGuiCond.FirstUseEver);
        ImGui.setNextWindowSize(slot.width(), slot.height(), ImGuiCond.FirstUseEver);
        float r = (slot.titleRgb() >>> 16 & 0xff) / 255f;
        float g = (slot.titleRgb() >>> 8 & 0xff) / 255f;
        float b = (slot.titleRgb() & 0xff) / 255f;
        // The same colour focused or not, so the title bar identifies the window in screenshots.
        ImGui.pushStyleColor(ImGuiCol.TitleBg, r, g, b, 1f);
        ImGui.pushStyleColor(ImGuiCol.TitleBgActive, r, g, b, 1f);
        ImGui.pushStyleColor(ImGuiCol.TitleBgCollapsed, r, g, b, 1f);
        boolean open = ImGui.begin(slot.title());
        ImGui.popStyleColor(3);
        if (open) {
            contents(s);
        }
        ImGui.end();
    }

    protected abstract void contents(MachineSnapshot s);

    /**
     * Coloured text. imgui-java hands the string to ImGui as a printf format, so a '%' in
     * guest text (AT&T registers such as %gs) must be doubled.
     */
    protected static void colored(int abgr, String text) {
        ImGui.textColored(abgr, text.replace("%", "%%"));
    }

    protected static void wrapped(String text) {
        ImGui.textWrapped(text.replace("%", "%%"));
    }

    /** A hex address, the way kernel developers read them. */
    protected static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
