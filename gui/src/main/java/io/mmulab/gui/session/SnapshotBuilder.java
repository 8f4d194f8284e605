package io.mmulab.gui.session;

import io.mmulab.emulator.disasm.Disassembler;
import io.mmulab.emulator.disasm.DisassemblerUnavailableException;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineEvent;
import io.mmulab.emulator.machine.MachineInspector;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.gui.view.KernelView;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.PageTableNode;
import io.mmulab.gui.view.PageTableView;
import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageTableEntryRef;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.WalkResult;
import io.mmulab.gui.view.VcpuView;
import io.mmulab.mmu.LeafMapping;
import io.mmulab.mmu.PageOwnership;
import io.mmulab.mmu.TranslationRegime;
import io.mmulab.mmu.model.PendingStore;
import io.mmulab.mmu.tlb.TlbView;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies what the windows need out of the machine. Runs on the worker thread only, between
 * decisions (inside the scheduler's choose, or after a run ended), never while a vCPU moves.
 */
final class SnapshotBuilder implements AutoCloseable {
    private final ElfImage image;
    private final String title;
    private final Disassembler disassembler;
    private final CodeListing code;
    private final PageTableTree tree = new PageTableTree();
    private final KernelInspector kernel;
    private long generation;
    /** The race diagram is built once per ended run: remember for which. */
    private Outcome diagramFor;
    private String diagram = "";

    SnapshotBuilder(ElfImage image, String title) {
        this.image = image;
        this.title = title;
        Disassembler d;
        try {
            d = new Disassembler(image.arch());
        } catch (DisassemblerUnavailableException e) {
            d = null;
        }
        this.disassembler = d;
        this.code = new CodeListing(image, d);
        this.kernel = new KernelInspector(image);
    }

    KernelInspector kernel() {
        return kernel;
    }

    /**
     * @param choices the options at the decision being asked (null when the run has ended)
     * @param marks   event counts at each decision so far
     */
    MachineSnapshot build(Machine m, ChoiceSet choices, long instructions, List<Integer> marks, Outcome outcome,
                          String status, boolean waiting, int selectedCpu, long selectedFrame, boolean refcountOverlay,
                          List<RefcountWatch> watches, long tableMm, long walkVa) {
        MachineInspector in = new MachineInspector(m);
        int running = choices == null ? -1 : choices.current();
        List<VcpuView> vcpus = new ArrayList<>();
        for (MachineInspector.VcpuInfo v : in.vcpus()) {
            var regs = in.registers(v.id());
            // A vCPU asking from inside its hook has moved on since its slice began: its engine knows where.
            long pc = v.id() == running ? regs.firstEntry().getValue() : v.pc();
            vcpus.add(new VcpuView(v.id(), v.state(), pc, image.symbols().describe(pc),
                    image.sourceLines().lookup(pc).orElse(null), v.irqsMasked(), List.copyOf(v.pendingIrqs()),
                    v.inService(), regs, code.around(pc, m.memory().committed())));
        }
        int cpu = Math.clamp(selectedCpu, 0, vcpus.size() - 1);
        KernelView kv = kernel.build(m, vcpus.size(), cpu, selectedFrame, refcountOverlay, watches);
        TranslationRegime regime = in.regime(cpu);
        String regimeText = "cpu" + cpu + "'s current tables: " + regime;
        if (tableMm != 0) {
            var mm = kv.mms().stream().filter(r -> r.mm() == tableMm).findFirst();
            if (mm.isPresent()) {
                regime = PageTableRoots.regimeFor(regime, mm.get());
                regimeText = String.format("mm 0x%x (%s), pgd at pa 0x%x: %s", tableMm, mm.get().users(),
                        mm.get().pgd(), regime);
            } else {
                regimeText = String.format("mm 0x%x is no longer in use; ", tableMm) + regimeText;
            }
        }
        List<LeafMapping> leaves = in.pageTables(regime);
        // A stop is a position plus the tables shown (switching tables is no step).
        Object stop = waiting ? List.of(m.decisions().size(), instructions, regimeText) : null;
        List<PageTableNode> tables = tree.build(m.memory().committed(), regime, leaves, stop);
        PageTableView pageTables = new PageTableView(cpu, regimeText, tables, List.copyOf(leaves),
                walkVa == -1 || !regime.translationEnabled() ? null : walk(m, regime, walkVa));
        List<List<TlbView>> tlbs = new ArrayList<>();
        List<List<PendingStore>> buffers = new ArrayList<>();
        for (int i = 0; i < vcpus.size(); i++) {
            tlbs.add(List.copyOf(in.tlb(i)));
            buffers.add(List.copyOf(in.storeBuffer(i)));
        }
        PageOwnership own = m.ownership();
        byte[] owners = new byte[(int) own.frames()];
        for (int f = 0; f < owners.length; f++) {
            owners[f] = (byte) own.owner(f).code();
        }
        MachineSnapshot.FrameDetail frame = null;
        if (selectedFrame >= 0 && selectedFrame < owners.length) {
            frame = new MachineSnapshot.FrameDetail(selectedFrame, owners[(int) selectedFrame],
                    own.lastChangedStep(selectedFrame), own.lastFreedStep(selectedFrame));
        }
        List<MachineSnapshot.Option> options = new ArrayList<>();
        if (choices != null && waiting) {
            // while running on its own the options are gone before anyone could click them
            for (int i = 0; i < choices.size(); i++) {
                options.add(new MachineSnapshot.Option(Decision.of(choices, i), describe(choices, i)));
            }
        }
        List<MachineEvent> events = List.copyOf(m.events());
        if (outcome == null) {
            diagramFor = null;
            diagram = "";
        } else if (diagramFor != outcome) {
            diagramFor = outcome;
            diagram = outcome.failed() ? io.mmulab.emulator.explore.RaceDiagrams.render(image, events) : "";
        }
        return new MachineSnapshot(title, ++generation, status, waiting, m.steps(), List.copyOf(m.decisions()),
                List.copyOf(marks), events, List.copyOf(options), running, List.copyOf(vcpus), pageTables,
                List.copyOf(tlbs), List.copyOf(buffers), owners, frame, outcome, diagram,
                tail(m.consoleText(), 4000), kv, instructions);
    }

    private static PageTableView.Walk walk(Machine m, TranslationRegime regime, long va) {
        WalkResult w = PageWalker.of(m.memory().committed(), regime).walk(va, AccessType.READ, Privilege.KERNEL);
        List<PageTableView.Step> steps = new ArrayList<>();
        for (PageTableEntryRef e : w.chain()) {
            steps.add(new PageTableView.Step(e.level(), e.entryAddress(), e.value()));
        }
        String result = w.ok() ? String.format("-> pa 0x%x, %s %s", w.pa(), w.pageSize() >= (1 << 20)
                ? (w.pageSize() >> 20) + "M" : (w.pageSize() >> 10) + "K", w.perms())
                : "fault at level " + w.faultLevel() + ": " + w.fault();
        return new PageTableView.Walk(va, List.copyOf(steps), result);
    }

    private static String describe(ChoiceSet c, int i) {
        String access = c.addr(i) == ChoiceSet.UNKNOWN ? "" : c.addr(i) == ChoiceSet.LOCAL ? " (fence or spin hint)"
                : String.format(" (%s %d bytes at pa 0x%x)", c.isWrite(i) ? "write" : "read", c.accessSize(i), c.addr(i));
        return switch (c.kind(i)) {
            case STEP -> "step cpu" + c.cpu(i) + (c.cpu(i) == c.current() ? " (running)" : "") + access;
            case COMMIT -> String.format("commit cpu%d store #%d (%d bytes at pa 0x%x)", c.cpu(i), c.arg(i),
                    c.accessSize(i), c.addr(i));
            case DELIVER -> "deliver interrupt to cpu" + c.cpu(i);
        };
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    @Override
    public void close() {
        if (disassembler != null) {
            disassembler.close();
        }
    }
}
