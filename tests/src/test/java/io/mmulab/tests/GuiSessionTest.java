package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.gui.session.Command;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.KernelView;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.VcpuView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debugger's machine side without a window: decisions the user takes become the run's
 * decision list, and stepping back (a replay from the checkpoint) reaches exactly the state
 * that was there before.
 */
class GuiSessionTest {

    @Test
    void steppingBackIsExact() {
        ElfImage image = Images.load("lost-update", Arch.ARM64);
        MachineConfig config = MachineConfig.defaults(Arch.ARM64, 2, 1);
        try (DebugSession session = new DebugSession(image, config, List.of(), List.of(new Command.Run(30)))) {
            session.start();
            MachineSnapshot at30 = settle(session, -1);
            assertEquals(30, at30.decisions().size(), at30.status());
            assertTrue(at30.options().size() >= 2, "two vCPUs offer steps: " + at30.options());

            // Take the option the default policy would not: the other vCPU steps.
            Decision other = at30.options().stream().map(MachineSnapshot.Option::decision)
                    .filter(d -> d.kind() == io.mmulab.emulator.sched.ChoiceSet.Kind.STEP && d.cpu() != at30.runningCpu())
                    .findFirst().orElseThrow();
            session.send(new Command.Take(other));
            MachineSnapshot at31 = settle(session, at30.generation());
            assertEquals(31, at31.decisions().size());
            assertEquals(other, at31.decisions().get(30));
            session.send(new Command.Run(10));
            MachineSnapshot at41 = settle(session, at31.generation());
            assertEquals(41, at41.decisions().size());
            assertNotEquals(state(at31), state(at41));

            session.send(new Command.GoTo(at41.decisions().subList(0, 31)));
            MachineSnapshot back = settle(session, at41.generation());
            assertEquals(at31.decisions(), back.decisions());
            assertEquals(state(at31), state(back), "stepping back reaches the same state");
            assertEquals(at31.steps(), back.steps());

            session.send(new Command.GoTo(List.of()));
            MachineSnapshot reset = settle(session, back.generation());
            assertEquals(0, reset.decisions().size());
        }
    }

    /**
     * The kernel-structure side: the refcount overlay, the selected frame's struct page, a
     * watched refcount's history, and a watchpoint that stops the run where that refcount changes.
     */
    @Test
    void structPagesWatchedRefcountsAndAWatchpoint() {
        ElfImage image = Images.load("selftest-alloc", Arch.ARM64);
        MachineConfig config = MachineConfig.defaults(Arch.ARM64, 2, 1);
        try (DebugSession session = new DebugSession(image, config, List.of(), List.of())) {
            session.showRefcounts(true);
            session.start();
            MachineSnapshot start = settle(session, -1);
            assertEquals(null, start.kernel().problem());
            int[] before = start.kernel().refcounts();
            assertEquals(start.frameOwners().length, before.length);
            assertEquals(2, start.kernel().cpus().size());
            assertTrue(start.kernel().cpus().get(1).rcuNesting().isPresent(), "tree RCU keeps a nesting count");

            // Run until the allocator has handed out (or taken back) some frame.
            MachineSnapshot now = start;
            long changed = -1;
            for (int i = 0; i < 100 && changed < 0 && !now.ended(); i++) {
                session.send(new Command.Run(200));
                now = settle(session, now.generation());
                int[] refs = now.kernel().refcounts();
                for (int pfn = 0; pfn < refs.length && changed < 0; pfn++) {
                    if (refs[pfn] != before[pfn]) {
                        changed = pfn;
                    }
                }
            }
            assertTrue(changed >= 0, "no refcount changed while selftest-alloc ran");
            int reached = now.decisions().size();

            // The selected frame's struct page is what the overlay says.
            session.selectFrame(changed);
            MachineSnapshot sel = settle(session, now.generation());
            KernelView.PageDetail page = sel.kernel().page();
            assertEquals(changed, page.page().pfn());
            assertEquals(sel.kernel().refcounts()[(int) changed], page.page().refcount(), page.page().summary());

            // Back to the start with a watchpoint on that refcount: running stops where it changes.
            session.watch(changed, true);
            session.send(new Command.GoTo(List.of()));
            MachineSnapshot reset = settle(session, sel.generation());
            assertEquals(0, reset.decisions().size());
            session.send(new Command.Run(Long.MAX_VALUE));
            MachineSnapshot hit = settle(session, reset.generation());
            assertTrue(hit.status().contains("watchpoint"), hit.status());
            int d = hit.decisions().size();
            assertTrue(d > 0 && d <= reached, d + " decisions, changed by " + reached);
            KernelView.Watch w = hit.kernel().watches().getFirst();
            assertEquals(changed, w.pfn());
            assertEquals(0, w.firstDecision());
            assertEquals(d + 1, w.history().length, "one value per decision so far");
            assertEquals(before[(int) changed], (int) w.history()[0]);
            assertNotEquals(w.history()[d - 1], w.history()[d], "the run stopped where the value changed");
            for (int i = 1; i < d; i++) {
                assertEquals(w.history()[0], w.history()[i], "an earlier change would have stopped the run");
            }
            assertEquals((int) w.history()[d], w.value());
        }
    }

    /** Registers, PCs, TLBs and store buffers: what a user compares by eye. */
    private static String state(MachineSnapshot s) {
        StringBuilder b = new StringBuilder();
        for (VcpuView v : s.vcpus()) {
            b.append(v.id()).append(' ').append(v.state()).append(' ').append(v.registers()).append('\n');
        }
        b.append(s.tlbs()).append('\n').append(s.storeBuffers()).append('\n');
        b.append(java.util.Arrays.hashCode(s.frameOwners()));
        return b.toString();
    }

    private static MachineSnapshot settle(DebugSession session, long after) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            MachineSnapshot s = session.snapshot();
            if (session.idle() && s.generation() > after && s.waiting()) {
                return s;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the session did not settle: " + session.snapshot().status());
    }
}
