package io.mmulab.gui.session;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.explore.DefaultPolicy;
import io.mmulab.emulator.explore.MachineRunner;
import io.mmulab.emulator.explore.RunResult;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.gui.view.MachineSnapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine on its worker thread. The GUI queues {@link Command}s and reads the latest
 * {@link MachineSnapshot}; the worker owns the machine, boots it to the scenario's checkpoint,
 * and then runs it from there under an {@link InteractiveScheduler}, once per position the user
 * jumps to. Only the worker touches the machine.
 */
public final class DebugSession implements AutoCloseable {
    /** While running on its own, the GUI gets a fresh snapshot at most this often. */
    private static final long PUBLISH_INTERVAL_NANOS = 50_000_000L;

    private final ElfImage image;
    private final MachineConfig config;
    private final List<Decision> trace;
    private final String title;
    /** Commands not yet taken; guarded by itself, together with {@link #awaiting}. */
    private final ArrayDeque<Command> commands = new ArrayDeque<>();
    /** The worker is blocked waiting for a command (so the published snapshot is the settled state). */
    private boolean awaiting;
    private final AtomicReference<MachineSnapshot> latest;
    private final List<Breakpoint> breakpoints = new CopyOnWriteArrayList<>();
    private final List<MemoryWatch> memoryWatches = new CopyOnWriteArrayList<>();
    private final List<RefcountWatch> watches = new CopyOnWriteArrayList<>();
    private final Thread worker;

    private volatile int selectedCpu;
    private volatile long selectedFrame = -1;
    private volatile boolean refcountOverlay;
    /** The mm whose page tables the tree shows (0: the selected vCPU's current tables). */
    private volatile long tableMm;
    /** The virtual address whose walk the page-table window shows (-1: none). */
    private volatile long walkVa = -1;
    /** The worker has stopped for good (boot failed, internal error, quit). */
    private volatile boolean stopped;

    // --- worker thread only ---
    private Machine machine;
    private SnapshotBuilder builder;
    private long lastPublish;
    private String note = "";
    /** The decisions so far are a prefix of the trace: running on follows the trace. */
    private boolean onTrace;
    private final MemoryWatchHistory memoryHistory = new MemoryWatchHistory();
    private final FramePacer pacer = new FramePacer();

    /**
     * @param trace decisions to follow when running on its own from a position on their path
     *              (a loaded trace), or empty
     * @param first commands to carry out before the user's (--step N, --until-failure)
     */
    public DebugSession(ElfImage image, MachineConfig config, List<Decision> trace, List<Command> first) {
        this.image = image;
        this.config = config;
        this.trace = List.copyOf(trace);
        this.title = image.path().getFileName() + " (" + image.arch() + ", " + config.vcpus() + " vCPUs, "
                + config.model().displayName() + ")";
        this.latest = new AtomicReference<>(MachineSnapshot.booting(title, "booting to the scenario's checkpoint"));
        this.commands.addAll(first);
        this.worker = Thread.ofPlatform().name("mmulab-machine").daemon(true).unstarted(this::work);
    }

    public void start() {
        worker.start();
    }

    public MachineSnapshot snapshot() {
        return latest.get();
    }

    public void send(Command c) {
        synchronized (commands) {
            commands.add(c);
            commands.notifyAll();
        }
    }

    /** Whether the worker has done everything asked of it and waits: the snapshot is the settled state. */
    public boolean idle() {
        synchronized (commands) {
            return stopped || (awaiting && commands.isEmpty());
        }
    }

    public List<Decision> trace() {
        return trace;
    }

    public ElfImage image() {
        return image;
    }

    public List<Breakpoint> breakpoints() {
        return breakpoints;
    }

    /** What the window tells about its frames, so that the running machine leaves it enough of the CPU. */
    public FramePacer pacer() {
        return pacer;
    }

    /** Watchpoints on physical memory (add and remove freely: the worker reads them at decisions). */
    public List<MemoryWatch> memoryWatches() {
        return memoryWatches;
    }

    /**
     * Adds a watchpoint on physical memory; returns why not (one line) when {@code w} lies
     * outside guest memory, else null.
     */
    public String addMemoryWatch(MemoryWatch w) {
        if (w.pa() < 0 || w.pa() + w.size() > config.memBytes()) {
            return String.format("pa 0x%x is outside the guest's %d MiB", w.pa(), config.memBytes() >> 20);
        }
        if (!memoryWatches.contains(w)) {
            memoryWatches.add(w);
        }
        return null;
    }

    public void select(int cpu) {
        if (cpu != selectedCpu) {
            selectedCpu = cpu;
            send(new Command.Refresh());
        }
    }

    public int selectedCpu() {
        return selectedCpu;
    }

    public void selectFrame(long pfn) {
        if (pfn != selectedFrame) {
            selectedFrame = pfn;
            send(new Command.Refresh());
        }
    }

    public long selectedFrame() {
        return selectedFrame;
    }

    /** The refcounts the user watches (and the watchpoints among them), in the order added. */
    public List<RefcountWatch> watches() {
        return List.copyOf(watches);
    }

    /** Watches {@code pfn}'s refcount (again: changes whether it stops a run); its history starts now. */
    public void watch(long pfn, boolean stopOnChange) {
        synchronized (watches) {
            watches.removeIf(w -> w.pfn() == pfn);
            watches.add(new RefcountWatch(pfn, stopOnChange));
        }
        send(new Command.Refresh());
    }

    public void unwatch(long pfn) {
        watches.removeIf(w -> w.pfn() == pfn);
        send(new Command.Refresh());
    }

    /** Show the page tables of the mm at {@code mm} (an {@code mm_struct} address; 0: the selected vCPU's current ones). */
    public void showTablesOf(long mm) {
        if (mm != tableMm) {
            tableMm = mm;
            send(new Command.Refresh());
        }
    }

    public long tablesShown() {
        return tableMm;
    }

    /** Walk {@code va} through the shown tables (-1: no walk). */
    public void walk(long va) {
        if (va != walkVa) {
            walkVa = va;
            send(new Command.Refresh());
        }
    }

    /** Whether snapshots carry every frame's refcount, for the memory map's overlay. */
    public void showRefcounts(boolean on) {
        if (on != refcountOverlay) {
            refcountOverlay = on;
            send(new Command.Refresh());
        }
    }

    public boolean showsRefcounts() {
        return refcountOverlay;
    }

    private void work() {
        try (MachineRunner runner = new MachineRunner(image, config, text -> { }, true)) {
            if (!runner.checkpointed()) {
                Outcome o = runner.bootOutcome();
                fail("the image never reached its scenario start (HC_SCENARIO_START), so there is nothing to step"
                        + (o == null ? "" : ": " + o.kind() + ": " + o.message()));
                return;
            }
            machine = runner.machine();
            machine.recordEvents(true);
            builder = new SnapshotBuilder(image, title);
            Command.GoTo target = new Command.GoTo(List.of());
            while (true) {
                onTrace = isTracePrefix(target.decisions());
                InteractiveScheduler s = new InteractiveScheduler(this, machine, target);
                machine.pauseAfter(Long.MAX_VALUE);
                RunResult r = runner.run(s);
                if (s.quit()) {
                    return;
                }
                if (s.abort() != null) {
                    target = s.abort();
                    continue;
                }
                Outcome o = r.outcome();
                note = "the run ended: " + o.kind() + (o.failed() ? "" : " (" + o.status() + ")")
                        + "; step back, reset or pick a decision in the timeline";
                publish(null, s.marks(), true, o);
                target = awaitJump(s);
                if (target == null) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            fail("the machine stopped with an internal error: " + e);
        } finally {
            stopped = true;
            if (builder != null) {
                builder.close();
            }
        }
    }

    /** After a run ended, only jumps make sense: wait for one (null: quit). */
    private Command.GoTo awaitJump(InteractiveScheduler s) {
        while (true) {
            Command c = take();
            switch (c) {
                case Command.GoTo g -> {
                    return g;
                }
                case Command.Quit q -> {
                    return null;
                }
                case Command.Refresh r -> publish(null, s.marks(), true, latest.get().outcome());
                default -> { }
            }
        }
    }

    private void fail(String why) {
        MachineSnapshot s = latest.get();
        note = why;
        if (s.vcpus().isEmpty()) {
            latest.set(MachineSnapshot.booting(title, why));
        } else {
            // keep the machine's last picture, but say what happened
            latest.set(new MachineSnapshot(s.title(), s.generation() + 1, why, true, s.steps(), s.decisions(),
                    s.eventMarks(), s.events(), List.of(), -1, s.vcpus(), s.pageTables(), s.tlbs(), s.storeBuffers(), s.frameOwners(), s.frame(), s.outcome(), s.raceDiagram(),
                    s.console(), s.kernel(), s.instructions()));
        }
    }

    private boolean isTracePrefix(List<Decision> decisions) {
        return decisions.size() <= trace.size() && trace.subList(0, decisions.size()).equals(decisions);
    }

    // --- called by the InteractiveScheduler, on the worker thread ---

    Command take() {
        synchronized (commands) {
            try {
                awaiting = true;
                while (commands.isEmpty()) {
                    commands.wait();
                }
                return commands.remove();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Command.Quit();
            } finally {
                awaiting = false;
            }
        }
    }

    Command poll() {
        synchronized (commands) {
            return commands.poll();
        }
    }

    void note(String text) {
        note = text;
    }

    /** The user took decision {@code d} as number {@code n}. */
    void took(int n, Decision d) {
        onTrace = onTrace && n < trace.size() && trace.get(n).equals(d);
        note = "";
    }

    /** What happens when nobody chooses: the trace while on its path, else the default policy. */
    int auto(ChoiceSet c, int n) {
        if (onTrace && n < trace.size()) {
            int i = trace.get(n).indexIn(c);
            if (i >= 0) {
                return i;
            }
        }
        onTrace = false;
        return DefaultPolicy.choose(c);
    }

    /** Decision {@code n} is being asked: record the watched refcounts and memory as they are now. */
    void sample(int n) {
        builder.kernel().sample(machine, n, watches);
        memoryHistory.sample(machine.memory().committed(), n, memoryWatches);
    }

    /** A watched refcount or physical watchpoint that changed at decision {@code n}, as a sentence; null when none. */
    String watchpointHit(int n) {
        String refcount = builder.kernel().watchpointHit(n, watches);
        return refcount != null ? refcount : memoryHistory.changedAt(n, memoryWatches);
    }

    /**
     * Adds the breakpoint {@code text} names ({@link Breakpoint#FORMS}), or removes the one with
     * that label if there is one: double-clicking a line of code. False when the text names nothing.
     */
    public boolean toggleBreakpoint(String text) {
        var b = Breakpoint.parse(text, image);
        if (b.isEmpty()) {
            return false;
        }
        if (!breakpoints.removeIf(x -> x.kind() == b.get().kind() && x.label().equals(b.get().label()))) {
            breakpoints.add(b.get());
        }
        return true;
    }

    /** Whether some breakpoint stops a vCPU before the instruction at {@code pc}. */
    public boolean breaksAt(long pc) {
        for (Breakpoint b : breakpoints) {
            if (b.at(pc)) {
                return true;
            }
        }
        return false;
    }

    /** The breakpoint at {@code pc} reached by {@code cpu}, as a sentence. */
    String breakpointReached(int cpu, long pc) {
        for (Breakpoint b : breakpoints) {
            if (b.at(pc)) {
                return "breakpoint " + b.label() + " reached by cpu" + cpu;
            }
        }
        return "breakpoint reached by cpu" + cpu;
    }

    void publish(ChoiceSet c, List<Integer> marks, boolean waiting) {
        publish(c, marks, waiting, null);
    }

    void publishThrottled(ChoiceSet c, List<Integer> marks) {
        long now = System.nanoTime();
        if (now - lastPublish >= PUBLISH_INTERVAL_NANOS) {
            String before = note;
            note = "running";
            publish(c, marks, false, null);
            note = before;
        }
    }

    private void publish(ChoiceSet c, List<Integer> marks, boolean waiting, Outcome outcome) {
        publish(c, 0, marks, waiting, outcome);
    }

    /** Stopped inside the last decision's step, after {@code instructions} of its instructions. */
    void publishInside(long instructions, List<Integer> marks) {
        publish(null, instructions, marks, true, null);
    }

    private void publish(ChoiceSet c, long instructions, List<Integer> marks, boolean waiting, Outcome outcome) {
        lastPublish = System.nanoTime();
        List<Decision> made = machine.decisions();
        int n = made.size();
        String where = instructions == 0 ? "decision " + n
                : "decision " + n + ", cpu" + made.getLast().cpu() + " " + instructions + " instruction"
                        + (instructions == 1 ? "" : "s") + " into its step";
        if (!trace.isEmpty()) {
            where += onTrace ? " (the trace has " + trace.size() + ")" : " (off the trace)";
        }
        String status = where + (note.isEmpty() ? "" : ": " + note);
        latest.set(builder.build(machine, c, instructions, marks, outcome, status, waiting, selectedCpu,
                selectedFrame, refcountOverlay, watches, tableMm, walkVa));
    }

    @Override
    public void close() {
        send(new Command.Quit());
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
