package io.mmulab.gui.windows;

import imgui.ImGui;
import imgui.flag.ImGuiTreeNodeFlags;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.Palette;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.KernelView;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.kernel.AddressSpaceView;
import io.mmulab.kernel.FolioView;
import io.mmulab.kernel.StructPageView;
import io.mmulab.kernel.VmaView;

/**
 * The selected frame's struct page as the kernel keeps it (flags by name, refcount, mapcount,
 * page type, compound head, folio order and pins), decoded from committed memory at
 * vmemmap + pfn with the layouts kernel-model reads from the image; and the watched refcounts,
 * each with its value over the decisions so far and an optional watchpoint; and the VMAs of the
 * address space the selected vCPU runs in, with their per-VMA lock state.
 */
public final class StructPageWindow extends DebuggerWindow {
    private final DebugSession session;

    public StructPageWindow(DebugSession session) {
        super(Layout.STRUCT_PAGES);
        this.session = session;
    }

    @Override
    protected void contents(MachineSnapshot s) {
        KernelView k = s.kernel();
        if (k.problem() != null) {
            colored(Palette.DIM, k.problem());
            return;
        }
        if (s.frame() == null) {
            colored(Palette.DIM, "click a frame in Physical memory for its struct page");
        } else if (k.page() == null) {
            ImGui.textUnformatted(String.format("pfn 0x%x: its struct page is not mapped (no vmemmap yet?)", s.frame().pfn()));
        } else {
            page(k.page());
        }
        watches(k);
        addressSpace(k.addressSpace());
    }

    private static void addressSpace(AddressSpaceView a) {
        if (a == null) {
            return;
        }
        String title = String.format("cpu%d's mm 0x%x: pgd 0x%x, %d VMAs###mm", a.cpu(), a.mm(), a.pgd(), a.vmas().size());
        if (ImGui.collapsingHeader(title, ImGuiTreeNodeFlags.DefaultOpen)) {
            for (VmaView v : a.vmas()) {
                ImGui.textUnformatted(String.format("  %016x-%016x %s  vm_refcnt %s (%s)", v.start(), v.end(), v.perms(),
                        v.refcnt().isPresent() ? Integer.toString(v.refcnt().getAsInt()) : "?", v.lockState()));
            }
        }
    }

    private void page(KernelView.PageDetail d) {
        StructPageView p = d.page();
        colored(Palette.STRUCT_PAGE, String.format("pfn 0x%x  refcount %d  mapcount %d%s", p.pfn(), p.refcount(),
                p.mapcount(), p.pageType().map(t -> "  type " + t).orElse("")));
        wrapped(String.format("flags 0x%x: %s", p.flags(), p.flagNames().isEmpty() ? "none" : String.join(" | ", p.flagNames())));
        if (p.tail()) {
            ImGui.textUnformatted(String.format("tail page: compound_head 0x%x -> head pfn 0x%x", p.compoundHead(),
                    p.headPfn()));
        } else if (p.pageType().isEmpty()) {
            ImGui.textUnformatted(String.format("mapping 0x%x  index 0x%x  private 0x%x", p.mapping(), p.index(),
                    p.private_()));
        } else if (p.pageType().get().equals("buddy")) {
            ImGui.textUnformatted("free block of order " + p.private_());
        }
        FolioView f = d.folio();
        if (f != null) {
            ImGui.textUnformatted(f.large()
                    ? String.format("folio: head pfn 0x%x, order %d (%d pages), refcount %d, pincount %d",
                            f.head().pfn(), f.order(), f.nrPages(), f.head().refcount(), f.pincount())
                    : "folio: a single page (order 0)");
        }
        // A tail's references are its folio's: watch the head.
        long watched = f != null ? f.head().pfn() : p.headPfn();
        if (ImGui.smallButton("Watch refcount")) {
            session.watch(watched, false);
        }
        ImGui.sameLine();
        if (ImGui.smallButton("Watchpoint (stop on change)")) {
            session.watch(watched, true);
        }
    }

    private void watches(KernelView k) {
        if (k.watches().isEmpty()) {
            return;
        }
        ImGui.separator();
        for (KernelView.Watch w : k.watches()) {
            ImGui.pushID("watch" + w.pfn());
            if (ImGui.smallButton("x")) {
                session.unwatch(w.pfn());
            }
            ImGui.sameLine();
            String value = w.value() == KernelView.UNKNOWN ? "?" : Integer.toString(w.value());
            String label = String.format("pfn 0x%x refcount %s%s", w.pfn(), value, w.stopOnChange() ? " (watchpoint)" : "");
            if (w.history().length > 1) {
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (float v : w.history()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                ImGui.plotLines("##history", w.history(), w.history().length, 0,
                        label + ", decisions " + w.firstDecision() + ".." + (w.firstDecision() + w.history().length - 1),
                        min - 0.5f, max + 0.5f, ImGui.getContentRegionAvailX(),
                        Math.max(40f, ImGui.getContentRegionAvailY() / k.watches().size() - 6f));
            } else {
                ImGui.textUnformatted(label);
            }
            ImGui.popID();
        }
    }
}
