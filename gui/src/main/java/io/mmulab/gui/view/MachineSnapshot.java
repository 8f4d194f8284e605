package io.mmulab.gui.view;

import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.machine.MachineEvent;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.mmu.model.PendingStore;
import io.mmulab.mmu.tlb.TlbView;

import java.util.List;

/**
 * Everything the windows show, copied from the machine between two decisions by the worker
 * thread. Immutable, so the GUI thread renders it at its own pace while the machine moves on.
 *
 * @param decisions     the decisions made since the checkpoint, in order
 * @param eventMarks    for each decision, how many events had been recorded when it was made
 * @param options       what may happen next; empty when the run has ended or is running
 * @param runningCpu    the vCPU whose hook is asking (-1 when none is running)
 * @param waiting       the worker waits for the user (the state is settled)
 * @param pageTables    the tables the page-table window shows
 * @param frameOwners   owner code of every 4 KiB frame ({@link io.mmulab.mmu.PageOwner} ordinals)
 * @param raceDiagram   for a failed run, the CPU-column diagram of the accesses that matter
 * @param kernel        struct pages, refcounts and per-CPU counters, decoded with the image's layouts
 * @param instructions  stopped inside the last decision's step: how many of its instructions have
 *                      executed (the step's vCPU is the last decision's); 0 at a decision
 */
public record MachineSnapshot(String title, long generation, String status, boolean waiting, long steps,
                              List<Decision> decisions, List<Integer> eventMarks, List<MachineEvent> events,
                              List<Option> options, int runningCpu, List<VcpuView> vcpus,
                              PageTableView pageTables,
                              List<List<TlbView>> tlbs, List<List<PendingStore>> storeBuffers,
                              byte[] frameOwners, FrameDetail frame, Outcome outcome, String raceDiagram,
                              String console, KernelView kernel, long instructions) {

    /** One option at the current decision, with what it will do in words. */
    public record Option(Decision decision, String label) {
    }

    /** The frame the memory map has selected: when it last changed owner and was last freed (steps, -1 never). */
    public record FrameDetail(long pfn, int owner, long lastChangedStep, long lastFreedStep) {
    }

    /** Before the machine has booted: what to show while waiting. */
    public static MachineSnapshot booting(String title, String status) {
        return new MachineSnapshot(title, 0, status, false, 0, List.of(), List.of(), List.of(), List.of(), -1,
                List.of(), PageTableView.NONE, List.of(), List.of(), new byte[0], null, null, "", "", KernelView.NONE, 0);
    }

    public boolean ended() {
        return outcome != null;
    }

    /** Stopped inside a step (after some of its instructions), not at a decision. */
    public boolean insideStep() {
        return instructions > 0;
    }

    /** The vCPU whose step is stopped inside, or -1. */
    public int steppingCpu() {
        return insideStep() ? decisions.getLast().cpu() : -1;
    }
}
