package io.mmulab.gui.windows;

import imgui.ImGui;
import imgui.flag.ImGuiKey;
import imgui.flag.ImGuiTableFlags;
import imgui.type.ImInt;
import imgui.type.ImString;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.session.Breakpoint;
import io.mmulab.gui.session.Command;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.session.MemoryWatch;
import io.mmulab.gui.view.KernelView;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.VcpuView;

import java.util.List;

/**
 * The vCPUs and the controls: take an offered decision (step a vCPU to its next shared access,
 * commit a buffered store, deliver an interrupt), execute single instructions of a vCPU's step,
 * run N decisions or to the end, step back, reset, and breakpoints on symbols and addresses. Each vCPU's preempt count and RCU read-side
 * nesting come from the guest's per-CPU variables (kernel-model's layouts).
 */
public final class MachineWindow extends DebuggerWindow {
    private final DebugSession session;
    private final ImInt runCount = new ImInt(100);
    private final ImString breakpointText = new ImString(128);
    private String breakpointError = "";

    public MachineWindow(DebugSession session) {
        super(Layout.MACHINE);
        this.session = session;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        wrapped(s.title());
        wrapped(s.status());
        ImGui.textUnformatted(String.format("decisions %d, steps %d%s", s.decisions().size(), s.steps(),
                session.trace().isEmpty() ? "" : ", trace " + session.trace().size()));
        vcpus(s);
        ImGui.separator();
        keys(s);
        controls(s);
        ImGui.separator();
        options(s);
        ImGui.separator();
        breakpoints();
    }

    /**
     * The keys a debugger's user reaches for, whatever window has focus (unless a text field
     * takes the keys): F7 one instruction, F8 the selected vCPU to its next shared access,
     * F9 step back, F5 run to the end (or a breakpoint), F6 pause.
     */
    private void keys(MachineSnapshot s) {
        if (ImGui.getIO().getWantTextInput()) {
            return;
        }
        boolean idle = s.waiting() && !s.ended();
        int cpu = instructionCpu(s);
        if (ImGui.isKeyPressed(ImGuiKey.F7, false) && idle && cpu >= 0) {
            session.send(new Command.StepInstructions(cpu, 1));
        } else if (ImGui.isKeyPressed(ImGuiKey.F8, false) && idle) {
            int c = s.insideStep() ? s.steppingCpu() : session.selectedCpu();
            Decision step = new Decision(ChoiceSet.Kind.STEP, c, 0);
            if (s.insideStep() || s.options().stream().anyMatch(o -> o.decision().equals(step))) {
                session.send(new Command.Take(step));
            }
        } else if (ImGui.isKeyPressed(ImGuiKey.F9, false) && s.waiting() && !s.decisions().isEmpty()) {
            session.send(Command.stepBack(s.decisions(), s.instructions()));
        } else if (ImGui.isKeyPressed(ImGuiKey.F5, false) && idle) {
            session.send(Command.runToEnd());
        } else if (ImGui.isKeyPressed(ImGuiKey.F6, false) && !s.waiting()) {
            session.send(new Command.Pause());
        }
    }

    private void vcpus(MachineSnapshot s) {
        int flags = ImGuiTableFlags.Borders | ImGuiTableFlags.RowBg | ImGuiTableFlags.SizingStretchProp
                | ImGuiTableFlags.Resizable;
        if (!ImGui.beginTable("vcpus", 6, flags)) {
            return;
        }
        // Weights, not content widths: a long symbol clips in its cell instead of pushing the rest out.
        int stretch = imgui.flag.ImGuiTableColumnFlags.WidthStretch;
        ImGui.tableSetupColumn("cpu", stretch, 0.45f);
        ImGui.tableSetupColumn("state", stretch, 0.75f);
        ImGui.tableSetupColumn("pc", stretch, 2.1f);
        ImGui.tableSetupColumn("line", stretch, 1.4f);
        ImGui.tableSetupColumn("irqs", stretch, 0.6f);
        ImGui.tableSetupColumn("preempt/rcu", stretch, 0.9f);
        ImGui.tableHeadersRow();
        for (VcpuView v : s.vcpus()) {
            ImGui.tableNextRow();
            ImGui.tableNextColumn();
            if (ImGui.selectable("cpu" + v.id() + (v.id() == s.runningCpu() ? " *" : ""),
                    v.id() == session.selectedCpu())) {
                session.select(v.id());
            }
            ImGui.tableNextColumn();
            ImGui.textUnformatted(v.stateText());
            ImGui.tableNextColumn();
            ImGui.textUnformatted(v.where());
            ImGui.tableNextColumn();
            ImGui.textUnformatted(v.line() == null ? "" : v.line().baseName() + ":" + v.line().line());
            ImGui.tableNextColumn();
            ImGui.textUnformatted((v.irqsMasked() ? "masked" : "on") + (v.pendingIrqs().isEmpty() ? "" : " pend " + v.pendingIrqs()));
            KernelView.CpuCounters k = s.kernel().cpu(v.id());
            ImGui.tableNextColumn();
            ImGui.textUnformatted(k.preemptText() + " / "
                    + (k.rcuNesting().isPresent() ? Integer.toString(k.rcuNesting().getAsInt()) : "-"));
        }
        ImGui.endTable();
    }

    private void controls(MachineSnapshot s) {
        boolean waiting = s.waiting();
        List<Decision> done = s.decisions();
        ImGui.beginDisabled(!waiting || s.ended());
        if (ImGui.button("Run")) {
            session.send(new Command.Run(Math.max(1, runCount.get())));
        }
        ImGui.sameLine();
        ImGui.setNextItemWidth(90);
        ImGui.inputInt("decisions", runCount, 10, 100);
        ImGui.sameLine();
        if (ImGui.button("Run to end")) {
            session.send(new Command.Run(Long.MAX_VALUE));
        }
        ImGui.endDisabled();
        ImGui.sameLine();
        ImGui.beginDisabled(waiting);
        if (ImGui.button("Pause")) {
            session.send(new Command.Pause());
        }
        ImGui.endDisabled();
        ImGui.beginDisabled(done.isEmpty());
        if (ImGui.button("Step back")) {
            session.send(Command.stepBack(s.decisions(), s.instructions()));
        }
        ImGui.sameLine();
        if (ImGui.button("Reset")) {
            session.send(new Command.GoTo(List.of()));
        }
        ImGui.endDisabled();
        List<Decision> trace = session.trace();
        int n = done.size();
        boolean onTrace = n < trace.size() && trace.subList(0, n).equals(done);
        ImGui.sameLine();
        ImGui.beginDisabled(!waiting || !onTrace);
        if (ImGui.button("Trace: next") && onTrace) {
            session.send(new Command.Take(trace.get(n)));
        }
        ImGui.endDisabled();
        ImGui.sameLine();
        int cpu = instructionCpu(s);
        ImGui.beginDisabled(!waiting || s.ended() || cpu < 0);
        if (ImGui.button("Instruction") && cpu >= 0) {
            session.send(new Command.StepInstructions(cpu, 1));
        }
        ImGui.endDisabled();
        if (ImGui.isItemHovered(imgui.flag.ImGuiHoveredFlags.AllowWhenDisabled)) {
            ImGui.setTooltip("execute one instruction of the selected vCPU (or of the step stopped inside)");
        }
        colored(Palette.DIM, "keys: F7 instruction, F8 step the selected vCPU, F9 back, F5 run, F6 pause");
    }

    /** Whose instruction the Instruction button executes: the step stopped inside, else the selected vCPU if it may step. */
    private int instructionCpu(MachineSnapshot s) {
        if (s.insideStep()) {
            return s.steppingCpu();
        }
        int cpu = session.selectedCpu();
        boolean offered = s.options().stream().anyMatch(o -> o.decision().kind() == ChoiceSet.Kind.STEP
                && o.decision().cpu() == cpu);
        return offered ? cpu : -1;
    }

    private void options(MachineSnapshot s) {
        if (s.ended()) {
            colored(Palette.STALE, s.outcome().kind() + ": the run has ended");
            return;
        }
        if (!s.waiting()) {
            ImGui.textUnformatted("running ...");
            return;
        }
        if (s.insideStep()) {
            int cpu = s.steppingCpu();
            ImGui.textUnformatted(String.format("cpu%d is inside its step, %d instruction%s in:", cpu, s.instructions(),
                    s.instructions() == 1 ? "" : "s"));
            if (ImGui.smallButton("Instruction")) {
                session.send(new Command.StepInstructions(cpu, 1));
            }
            ImGui.sameLine();
            if (ImGui.smallButton("Finish step")) {
                session.send(new Command.Take(new Decision(ChoiceSet.Kind.STEP, cpu, 0)));
            }
            ImGui.sameLine();
            colored(Palette.DIM, "to its next shared access");
            return;
        }
        ImGui.textUnformatted("Next decision:");
        for (MachineSnapshot.Option o : s.options()) {
            String verb = switch (o.decision().kind()) {
                case STEP -> "Step";
                case COMMIT -> "Commit";
                case DELIVER -> "Deliver";
            };
            ImGui.pushID(o.decision().toString());
            if (ImGui.smallButton(verb)) {
                session.send(new Command.Take(o.decision()));
            }
            ImGui.popID();
            ImGui.sameLine();
            ImGui.textUnformatted(o.label());
        }
        if (s.options().stream().noneMatch(o -> o.decision().kind() == ChoiceSet.Kind.STEP)) {
            colored(Palette.DIM, "no vCPU can step");
        }
    }

    private void breakpoints() {
        ImGui.setNextItemWidth(220);
        boolean enter = ImGui.inputText("##bp", breakpointText, imgui.flag.ImGuiInputTextFlags.EnterReturnsTrue);
        ImGui.sameLine();
        if (ImGui.button("Add") || enter) {
            add(breakpointText.get());
        }
        ImGui.sameLine();
        colored(Palette.DIM, "function, FILE.c:LINE, 0xADDR; watch: pa 0xADDR[/SIZE]");
        if (!breakpointError.isEmpty()) {
            colored(Palette.STALE, breakpointError);
        }
        for (Breakpoint b : session.breakpoints()) {
            ImGui.pushID(b.describe());
            if (ImGui.smallButton("x")) {
                session.breakpoints().remove(b);
            }
            ImGui.popID();
            ImGui.sameLine();
            ImGui.textUnformatted(b.describe());
        }
        for (MemoryWatch w : session.memoryWatches()) {
            ImGui.pushID(w.describe());
            if (ImGui.smallButton("x")) {
                session.memoryWatches().remove(w);
            }
            ImGui.popID();
            ImGui.sameLine();
            ImGui.textUnformatted("watchpoint " + w.describe());
        }
    }

    private void add(String text) {
        MemoryWatch w = MemoryWatch.parse(text);
        String error = null;
        if (w != null) {
            error = session.addMemoryWatch(w);
        } else if (text.strip().startsWith("pa ")) {
            error = "a watchpoint is pa 0xADDR or pa 0xADDR/SIZE (SIZE 1, 2, 4 or 8), not '" + text.strip() + "'";
        } else {
            var b = Breakpoint.parse(text, session.image());
            if (b.isPresent()) {
                session.breakpoints().add(b.get());
            } else {
                error = "'" + text.strip() + "' is not " + Breakpoint.FORMS + " in this image";
            }
        }
        breakpointError = error == null ? "" : error;
        if (error == null) {
            breakpointText.set("");
        }
    }
}
