package io.mmulab.gui.windows;

import imgui.ImGui;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.session.Command;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.VcpuView;
import io.mmulab.mmu.model.PendingStore;

import java.util.List;

/**
 * Per vCPU: its buffered stores (oldest first), each with a commit button when the memory
 * model lets it commit now, and its pending interrupts with a deliver button when deliverable.
 */
public final class StoreBufferWindow extends DebuggerWindow {
    private final DebugSession session;

    public StoreBufferWindow(DebugSession session) {
        super(Layout.STORE_BUFFERS);
        this.session = session;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        for (int cpu = 0; cpu < s.storeBuffers().size(); cpu++) {
            VcpuView v = s.vcpus().get(cpu);
            List<PendingStore> sb = s.storeBuffers().get(cpu);
            ImGui.textUnformatted("cpu" + cpu + ": " + sb.size() + " buffered, irqs " + (v.irqsMasked() ? "masked" : "enabled")
                    + (v.pendingIrqs().isEmpty() ? "" : ", pending " + v.pendingIrqs())
                    + (v.inService() >= 0 ? ", in IRQ " + v.inService() : ""));
            Decision deliver = new Decision(ChoiceSet.Kind.DELIVER, cpu, 0);
            if (offered(s, deliver)) {
                ImGui.sameLine();
                ImGui.pushID("deliver" + cpu);
                if (ImGui.smallButton("deliver")) {
                    session.send(new Command.Take(deliver));
                }
                ImGui.popID();
            }
            for (PendingStore p : sb) {
                Decision commit = new Decision(ChoiceSet.Kind.COMMIT, cpu, p.seq());
                ImGui.textUnformatted(String.format("   #%d %s [pa 0x%x] %d bytes = 0x%x", p.seq(),
                        p.kind().name().toLowerCase(java.util.Locale.ROOT), p.pa(), p.size(), p.value()));
                if (offered(s, commit)) {
                    ImGui.sameLine();
                    ImGui.pushID("commit" + p.seq());
                    if (ImGui.smallButton("commit")) {
                        session.send(new Command.Take(commit));
                    }
                    ImGui.popID();
                } else {
                    ImGui.sameLine();
                    colored(Palette.DIM, "(waits)");
                }
            }
        }
    }

    private static boolean offered(MachineSnapshot s, Decision d) {
        return s.options().stream().anyMatch(o -> o.decision().equals(d));
    }
}
