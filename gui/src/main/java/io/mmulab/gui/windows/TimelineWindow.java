package io.mmulab.gui.windows;

import imgui.ImGui;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.machine.MachineEvent;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.session.Command;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.MachineSnapshot;

import java.util.List;

/**
 * The decisions made so far, each followed by the events it caused (shared accesses, commits,
 * interrupts), and the loaded trace's decisions still ahead. Clicking a decision replays the
 * machine from the checkpoint to just after it.
 */
public final class TimelineWindow extends DebuggerWindow {
    /** Rows around the current decision; a long run shows its latest part. */
    private static final int WINDOW = 150;
    private static final int EVENTS_PER_DECISION = 6;

    private final DebugSession session;
    private long scrolledFor = -1;
    /** The rows' text, formatted once per snapshot rather than every frame. */
    private long rowsFor = -1;
    private List<Row> rows = List.of();

    /** A decision (clickable, {@code decision} >= 0) or an event line under it. */
    private record Row(int decision, String text) {
    }

    public TimelineWindow(DebugSession session) {
        super(Layout.TIMELINE);
        this.session = session;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        List<Decision> done = s.decisions();
        List<Decision> trace = session.trace();
        int n = done.size();
        boolean onTrace = n <= trace.size() && trace.subList(0, n).equals(done);
        ImGui.textUnformatted(n + " decisions, " + s.events().size() + " events" + (trace.isEmpty() ? ""
                : onTrace ? ", trace ahead: " + (trace.size() - n) : ", off the trace"));
        ImGui.beginChild("rows");
        int from = Math.max(0, n - WINDOW);
        if (from > 0) {
            colored(Palette.DIM, "(" + from + " earlier decisions not listed)");
        }
        if (rowsFor != s.generation()) {
            rows = rows(s, from);
            rowsFor = s.generation();
        }
        for (Row r : rows) {
            if (r.decision() < 0) {
                colored(Palette.DIM, r.text());
            } else if (ImGui.selectable(r.text(), r.decision() == n - 1)) {
                session.send(new Command.GoTo(done.subList(0, r.decision() + 1)));
            }
        }
        colored(Palette.CURRENT, s.ended() ? "-- " + s.outcome().kind() + " --" : "-- now --");
        if (scrolledFor != s.generation()) {
            ImGui.setScrollHereY(0.7f);
            scrolledFor = s.generation();
        }
        if (onTrace) {
            for (int i = n; i < Math.min(trace.size(), n + WINDOW); i++) {
                ImGui.pushStyleColor(imgui.flag.ImGuiCol.Text, Palette.DIM);
                if (ImGui.selectable(String.format("%5d  %s (trace)##t%d", i, trace.get(i), i))) {
                    session.send(new Command.GoTo(trace.subList(0, i + 1)));
                }
                ImGui.popStyleColor();
            }
        }
        ImGui.endChild();
    }

    private List<Row> rows(MachineSnapshot s, int from) {
        List<Row> out = new java.util.ArrayList<>();
        List<Decision> done = s.decisions();
        List<Integer> marks = s.eventMarks();
        for (int i = from; i < done.size(); i++) {
            out.add(new Row(i, String.format("%5d  %s##d%d", i, done.get(i), i)));
            if (i >= marks.size()) {
                continue;
            }
            int first = marks.get(i);
            int last = i + 1 < marks.size() ? marks.get(i + 1) : s.events().size();
            for (int e = first; e < Math.min(last, first + EVENTS_PER_DECISION) && e < s.events().size(); e++) {
                MachineEvent ev = s.events().get(e);
                out.add(new Row(-1, String.format("         cpu%d %s  %s", ev.cpu(), ev.what(),
                        session.image().symbols().describe(ev.pc()))));
            }
            if (last - first > EVENTS_PER_DECISION) {
                out.add(new Row(-1, "         ... " + (last - first - EVENTS_PER_DECISION) + " more"));
            }
        }
        return out;
    }
}
