package io.mmulab.gui.windows;

import imgui.ImGui;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.app.SourceFiles;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.VcpuView;

import java.util.List;
import java.util.Map;

/**
 * The selected vCPU's code: disassembly around its PC, its registers, and the guest C source
 * line. Double-clicking an instruction or a source line sets a breakpoint there (or clears it);
 * instructions where a breakpoint stops are marked.
 */
public final class CodeWindow extends DebuggerWindow {
    private static final int SOURCE_CONTEXT = 6;

    private final DebugSession session;
    private final SourceFiles sources;

    public CodeWindow(DebugSession session, SourceFiles sources) {
        super(Layout.CODE);
        this.session = session;
        this.sources = sources;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        if (s.vcpus().isEmpty()) {
            ImGui.textUnformatted(s.status());
            return;
        }
        VcpuView v = s.vcpus().get(Math.clamp(session.selectedCpu(), 0, s.vcpus().size() - 1));
        ImGui.textUnformatted("cpu" + v.id() + " at " + v.where() + (v.line() == null ? "" : "  " + v.line()));
        float h = ImGui.getContentRegionAvailY();
        ImGui.beginChild("disasm", ImGui.getContentRegionAvailX() * 0.62f, h * 0.58f, true);
        for (VcpuView.CodeLine l : v.code()) {
            if (l.label()) {
                colored(Palette.DIM, l.text());
                continue;
            }
            boolean bp = session.breaksAt(l.address());
            String text = String.format("%s%s %x  %s", bp ? "B" : " ", l.atPc() ? ">" : " ", l.address(), l.text());
            if (clickable(text, "a" + l.address(), l.atPc() ? Palette.CURRENT : bp ? Palette.STALE : 0)) {
                session.toggleBreakpoint(String.format("0x%x", l.address()));
            }
        }
        ImGui.endChild();
        ImGui.sameLine();
        ImGui.beginChild("regs", 0, h * 0.58f, true);
        for (Map.Entry<String, Long> r : v.registers().entrySet()) {
            ImGui.textUnformatted(String.format("%-6s %016x", r.getKey().toLowerCase(java.util.Locale.ROOT), r.getValue()));
        }
        ImGui.endChild();
        ImGui.beginChild("source", 0, 0, true);
        source(v);
        ImGui.endChild();
    }

    private void source(VcpuView v) {
        if (v.line() == null) {
            colored(Palette.DIM, "no source line for this PC");
            return;
        }
        List<String> lines = sources.lines(v.line().file());
        if (lines.isEmpty()) {
            colored(Palette.DIM, v.line().file() + ": source not found");
            return;
        }
        colored(Palette.DIM, v.line().file());
        int at = v.line().line();
        for (int i = Math.max(1, at - SOURCE_CONTEXT); i <= Math.min(lines.size(), at + SOURCE_CONTEXT); i++) {
            String where = v.line().file() + ":" + i;
            boolean bp = session.breakpoints().stream().anyMatch(b -> b.label().equals(where));
            String text = String.format("%4d %s%s %s", i, bp ? "B" : " ", i == at ? ">" : " ",
                    lines.get(i - 1).replace("\t", "    "));
            if (clickable(text, "l" + i, i == at ? Palette.CURRENT : bp ? Palette.STALE : 0)) {
                session.toggleBreakpoint(where);
            }
        }
    }

    /**
     * A line that reports a double click; {@code abgr} 0: the default text colour. The text is
     * drawn over an unlabeled selectable: as a label, ImGui would cut it at a "##" (C's token
     * pasting) and read '%' as a format.
     */
    private static boolean clickable(String text, String id, int abgr) {
        float x = ImGui.getCursorPosX();
        boolean clicked = ImGui.selectable("##" + id, false, imgui.flag.ImGuiSelectableFlags.AllowDoubleClick
                | imgui.flag.ImGuiSelectableFlags.AllowItemOverlap) && ImGui.isMouseDoubleClicked(0);
        ImGui.sameLine(x);
        if (abgr != 0) {
            colored(abgr, text);
        } else {
            ImGui.textUnformatted(text);
        }
        return clicked;
    }
}
