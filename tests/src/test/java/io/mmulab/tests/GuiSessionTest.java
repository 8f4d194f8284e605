package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.elf.SourceLine;
import io.mmulab.emulator.machine.MachineEvent;
import io.mmulab.gui.session.Breakpoint;
import io.mmulab.gui.session.Command;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.KernelView;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.VcpuView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
     * Single instructions: a step executed one instruction at a time reaches exactly the state
     * the whole step reaches, adds no decision, and every position inside it is reached again
     * exactly by stepping back to it.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void instructionStepsAddUpToTheStep(Arch arch) {
        ElfImage image = Images.load("lost-update", arch);
        MachineConfig config = MachineConfig.defaults(arch, 2, 1);
        try (DebugSession session = new DebugSession(image, config, List.of(), List.of(new Command.Run(30)))) {
            session.start();
            MachineSnapshot at = settle(session, -1);
            // Step by instructions from decision to decision until a step with a few of them.
            Decision step = null;
            List<MachineSnapshot> inside = new java.util.ArrayList<>();
            MachineSnapshot now = at;
            for (int tries = 0; tries < 20 && inside.size() < 3; tries++) {
                at = now;
                step = at.options().stream().map(MachineSnapshot.Option::decision)
                        .filter(d -> d.kind() == io.mmulab.emulator.sched.ChoiceSet.Kind.STEP).findFirst().orElseThrow();
                inside.clear();
                for (int i = 1; i < 10_000; i++) {
                    session.send(new Command.StepInstructions(step.cpu(), 1));
                    now = settle(session, now.generation());
                    if (!now.insideStep()) {
                        break;
                    }
                    assertEquals(i, now.instructions(), now.status());
                    assertEquals(at.decisions().size() + 1, now.decisions().size(), "no decision inside a step");
                    assertEquals(step, now.decisions().getLast());
                    assertEquals(step.cpu(), now.steppingCpu());
                    assertTrue(now.options().isEmpty(), "nothing else can happen inside a step");
                    if (!inside.isEmpty()) {
                        assertNotEquals(pc(inside.getLast(), step.cpu()), pc(now, step.cpu()), "one instruction moves the pc");
                    }
                    inside.add(now);
                }
            }
            assertTrue(inside.size() >= 3, "a step with several instructions: " + inside.size());
            MachineSnapshot end = now;

            // The same step taken whole.
            session.send(new Command.GoTo(at.decisions()));
            MachineSnapshot back = settle(session, end.generation());
            assertEquals(state(at), state(back));
            session.send(new Command.Take(step));
            MachineSnapshot whole = settle(session, back.generation());
            assertEquals(whole.decisions(), end.decisions());
            assertEquals(state(whole), state(end), "instructions add up to the whole step");
            assertEquals(whole.steps(), end.steps());

            // Back inside the step: the same instruction boundary, exactly.
            MachineSnapshot mid = inside.get(inside.size() / 2);
            session.send(new Command.GoTo(mid.decisions(), mid.instructions()));
            MachineSnapshot again = settle(session, whole.generation());
            assertEquals(mid.instructions(), again.instructions());
            assertEquals(state(mid), state(again), "stepping back inside a step is exact");
            session.send(Command.stepBack(again.decisions(), again.instructions()));
            MachineSnapshot before = settle(session, again.generation());
            assertEquals(state(inside.get(inside.size() / 2 - 1)), state(before));
            // ... and the rest of the step from there ends where the whole step did.
            session.send(new Command.Take(step));
            MachineSnapshot finished = settle(session, before.generation());
            assertEquals(state(whole), state(finished));
            session.send(Command.stepBack(inside.getFirst().decisions(), 1));
            MachineSnapshot first = settle(session, finished.generation());
            assertEquals(state(at), state(first), "one back from the first instruction is the decision");
        }
    }

    /**
     * The page-table tree from any mm's root: a user mm's tables hold its user mappings (inside
     * its VMAs) next to the kernel's; init_mm's hold only kernel addresses.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void pageTablesOfAnyAddressSpace(Arch arch) {
        ElfImage image = Images.load("gup-fast-thp", arch);
        MachineConfig config = MachineConfig.defaults(arch, 2, 1);
        try (DebugSession session = new DebugSession(image, config, List.of(), List.of())) {
            session.start();
            MachineSnapshot now = settle(session, -1);
            var user = now.kernel().mms().stream().filter(r -> !r.kernel()).findFirst();
            for (int i = 0; i < 50 && user.isEmpty() && !now.ended(); i++) {
                session.send(new Command.Run(20));
                now = settle(session, now.generation());
                user = now.kernel().mms().stream().filter(r -> !r.kernel()).findFirst();
            }
            assertTrue(user.isPresent(), "a user mm in use: " + now.kernel().mms());
            var kernel = now.kernel().mms().getFirst();
            assertTrue(kernel.kernel(), "init_mm first: " + now.kernel().mms());
            long userTop = 1L << 47;

            session.showTablesOf(user.get().mm());
            MachineSnapshot u = settle(session, now.generation());
            assertTrue(u.pageTables().regime().startsWith(String.format("mm 0x%x", user.get().mm())), u.pageTables().regime());
            var userLeaves = u.pageTables().leaves().stream().filter(l -> Long.compareUnsigned(l.va(), userTop) < 0).toList();
            assertTrue(!userLeaves.isEmpty(), "the user mm maps user pages: " + u.pageTables().regime());
            assertTrue(u.pageTables().leaves().stream().anyMatch(l -> l.va() < 0), "and the kernel's");
            var space = u.kernel().addressSpace();
            if (space != null && space.mm() == user.get().mm()) {
                for (var leaf : userLeaves) {
                    assertTrue(space.vmas().stream().anyMatch(v -> Long.compareUnsigned(leaf.va(), v.start()) >= 0
                            && Long.compareUnsigned(leaf.va(), v.end()) < 0), "a user mapping outside every VMA: " + leaf);
                }
            }

            session.showTablesOf(kernel.mm());
            MachineSnapshot k = settle(session, u.generation());
            assertTrue(k.pageTables().regime().contains("init_mm"), k.pageTables().regime());
            assertTrue(!k.pageTables().leaves().isEmpty());
            assertTrue(k.pageTables().leaves().stream().allMatch(l -> l.va() < 0), "init_mm maps kernel addresses only");
            assertTrue(!k.pageTables().tree().isEmpty());

            session.showTablesOf(0);
            MachineSnapshot back = settle(session, k.generation());
            assertTrue(back.pageTables().regime().startsWith("cpu"), back.pageTables().regime());
        }
    }

    /**
     * Breakpoints stop a vCPU before the instruction, wherever it is (here a function entry and
     * a source line that are no shared access, so inside a step), and the position they stop at
     * is reached again exactly by a jump to it.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void breakpointsStopInsideSteps(Arch arch) {
        ElfImage image = Images.load("pagecache-hvo", arch);
        MachineConfig config = MachineConfig.defaults(arch, 2, 1);
        String function = "hugetlb_vmemmap_optimize_folio";
        long entry = image.symbols().byName(function).orElseThrow().address();
        try (DebugSession session = new DebugSession(image, config, List.of(), List.of())) {
            session.start();
            MachineSnapshot start = settle(session, -1);
            session.breakpoints().add(Breakpoint.parse(function, image).orElseThrow());
            session.send(Command.runToEnd());
            MachineSnapshot hit = settle(session, start.generation());
            assertTrue(hit.status().contains("breakpoint " + function + " reached by cpu"), hit.status());
            assertTrue(hit.insideStep(), hit.status());
            int cpu = hit.steppingCpu();
            assertEquals(entry, pc(hit, cpu), "stopped before the function's first instruction");

            session.send(new Command.GoTo(List.of()));
            MachineSnapshot reset = settle(session, hit.generation());
            session.send(new Command.GoTo(hit.decisions(), hit.instructions()));
            MachineSnapshot again = settle(session, reset.generation());
            assertEquals(state(hit), state(again), "a breakpoint's position is exact");

            // A line a few instructions into the function: running on stops there, in the same step.
            var sym = image.symbols().byName(function).orElseThrow();
            SourceLine entryLine = image.sourceLines().lookup(entry).orElseThrow();
            Breakpoint line = null;
            for (int n = entryLine.line() + 1; n < entryLine.line() + 40 && line == null; n++) {
                var b = Breakpoint.parse(entryLine.baseName() + ":" + n, image);
                if (b.isPresent() && java.util.Arrays.stream(b.get().addresses())
                        .anyMatch(x -> x > entry && x < entry + sym.size())) {
                    line = b.get();
                }
            }
            assertTrue(line != null, "a later line in " + function);
            SourceLine where = new SourceLine(entryLine.file(), Integer.parseInt(line.label().substring(line.label().lastIndexOf(':') + 1)));
            session.breakpoints().clear();
            session.breakpoints().add(line);
            session.send(Command.runToEnd());
            MachineSnapshot atLine = settle(session, again.generation());
            assertTrue(atLine.status().contains("breakpoint " + where.baseName() + ":" + where.line()), atLine.status());
            assertTrue(line.at(pc(atLine, atLine.steppingCpu())), atLine.status());
            assertTrue(atLine.instructions() > hit.instructions() || atLine.decisions().size() > hit.decisions().size());
        }
    }

    /** The timeline has HVO's TLB maintenance: arm64's broadcast TLBIs, x86's shootdown IPIs and INVLPGs. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void timelineShowsTlbMaintenanceAndIpis(Arch arch) {
        ElfImage image = Images.load("pagecache-hvo", arch);
        try (DebugSession session = new DebugSession(image, MachineConfig.defaults(arch, 2, 1), List.of(),
                List.of(Command.runToEnd()))) {
            session.start();
            MachineSnapshot end = settle(session, -1);
            assertTrue(end.ended(), end.status());
            List<String> tlb = end.events().stream().filter(e -> e.kind() == MachineEvent.Kind.TLB)
                    .map(MachineEvent::what).toList();
            List<String> ipi = end.events().stream().filter(e -> e.kind() == MachineEvent.Kind.IPI)
                    .map(MachineEvent::what).toList();
            if (arch == Arch.ARM64) {
                assertTrue(tlb.stream().anyMatch(t -> t.startsWith("TLBI vaale1is va 0xfffffc")), tlb.toString());
                assertTrue(tlb.stream().anyMatch(t -> t.startsWith("DSB: ")), tlb.toString());
            } else {
                assertTrue(tlb.stream().anyMatch(t -> t.startsWith("INVLPG 0x")), tlb.toString());
                assertTrue(ipi.stream().anyMatch(t -> t.matches("IPI \\d+ to cpu\\d.*")), ipi.toString());
            }
        }
    }

    private static long pc(MachineSnapshot s, int cpu) {
        return s.vcpus().get(cpu).pc();
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
