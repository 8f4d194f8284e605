package io.mmulab.cli;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ImageFormatException;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.explore.Trace;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.gui.app.GuiApp;
import io.mmulab.gui.app.GuiOptions;
import io.mmulab.gui.app.Layout;
import io.mmulab.gui.app.XDisplay;
import io.mmulab.gui.session.Breakpoint;
import io.mmulab.gui.session.Command;
import io.mmulab.gui.session.MemoryWatch;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.mmu.model.ModelKind;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mmulab gui}: the debugger on an image (booted to its scenario start) or on a trace. */
@CommandLine.Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the debugger: step vCPUs to their next shared access or by single instructions, commit",
                "buffered stores, deliver interrupts, run to breakpoints and watchpoints, step back (exact replay",
                "from the checkpoint), and watch page tables of any mm, TLBs, store buffers, refcounts and the",
                "physical memory map. On a TRACE.json written by 'mmulab run' it",
                "follows the trace. With no DISPLAY it starts a private Xvfb. --screenshot renders headless and exits.",
                "Exit codes: 0, 2 bad input (unknown image, bad trace, no display), 70 internal error."})
final class GuiCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME|PATH|TRACE",
            description = "An image name from 'mmulab images', the path of an ELF image, or a trace (.json).")
    String target;

    @Option(names = "--arch", converter = ArchConverter.class, paramLabel = "x86_64|arm64",
            description = "Architecture of a named image (default x86_64).")
    Arch arch;

    @Option(names = "--variant", paramLabel = "V", description = "Image variant: opens NAME-V.")
    String variant;

    @Option(names = "--vcpus", defaultValue = "2", paramLabel = "N", description = "vCPUs, 1 to 8 (default ${DEFAULT-VALUE}).")
    int vcpus;

    @Option(names = "--mem", defaultValue = "128", paramLabel = "MIB", description = "Physical memory in MiB (default ${DEFAULT-VALUE}).")
    long memMib;

    @Option(names = "--model", converter = ModelConverter.class, paramLabel = "sc|tso|arm",
            description = "Memory model (default: tso on x86_64, arm on arm64).")
    ModelKind model;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the boot (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-steps", defaultValue = "20000000", paramLabel = "N", description = "Step budget of a run.")
    long maxSteps;

    @Option(names = "--image", paramLabel = "PATH", description = "A trace's image, if it moved since the trace was written.")
    Path imagePath;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Render headless, write the window as PNG, exit.")
    Path screenshot;

    @Option(names = "--step", paramLabel = "N",
            description = "Start N decisions in: the trace's first N, or N by the default policy.")
    Integer step;

    @Option(names = "--until-failure", description = "Start by running to the end of the run (a trace: to its failure);"
            + " a --break or --watch-pa stops it earlier.")
    boolean untilFailure;

    @Option(names = "--cpu", paramLabel = "C", description = "Select vCPU C (registers, code, page tables).")
    Integer cpu;

    @Option(names = "--instructions", paramLabel = "K",
            description = "Then execute K instructions of vCPU --cpu (its step stops inside, after them).")
    Long instructions;

    @Option(names = "--walk", paramLabel = "0xVA", converter = AddressConverter.class,
            description = "Walk this virtual address through the page tables shown (its entries are marked in the tree).")
    Long walk;

    @Option(names = "--break", paramLabel = "WHERE",
            description = "Breakpoint (repeatable): a function, FILE.c:LINE, or 0xADDRESS; vCPUs stop before it.")
    List<String> breaks = new ArrayList<>();

    @Option(names = "--watch-pa", paramLabel = "0xPA[/SIZE]",
            description = "Watchpoint on physical memory (repeatable; SIZE 1, 2, 4 or 8, default 8): a run stops where it changes.")
    List<String> watchPa = new ArrayList<>();

    @Option(names = "--frame", paramLabel = "PFN", converter = PfnConverter.class,
            description = "Select this physical frame (0x hex or decimal): the memory map marks it, Struct pages decodes it.")
    Long frame;

    @Option(names = "--watch", paramLabel = "PFN", converter = PfnConverter.class,
            description = "Watch this frame's struct page refcount (repeatable): its value over the decisions.")
    List<Long> watch = new ArrayList<>();

    @Option(names = "--refcounts", description = "Colour the memory map by struct page refcount instead of owner.")
    boolean refcounts;

    @Option(names = "--fps", description = "Log frames per second once a second (stderr).")
    boolean fps;

    @Option(names = "--seconds", defaultValue = "0", paramLabel = "S", description = "Close after S seconds (0: stay open).")
    double seconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (step != null && untilFailure) {
            throw new UserError("--step and --until-failure exclude each other");
        }
        if (step != null && step < 0) {
            throw new UserError("--step must not be negative, got " + step);
        }
        if (instructions != null && (cpu == null || instructions < 1)) {
            throw new UserError(cpu == null ? "--instructions needs --cpu (whose instructions)"
                    : "--instructions must be positive, got " + instructions);
        }
        ElfImage image;
        MachineConfig config;
        List<Decision> trace = List.of();
        if (target.endsWith(".json")) {
            Trace t = loadTrace(Paths.get(target));
            image = traceImage(t);
            config = t.config();
            trace = t.decisions();
        } else {
            image = ImageResolver.resolve(variant == null ? target : target + "-" + variant, arch);
            try {
                config = new MachineConfig(image.arch(), vcpus, memMib * MachineConfig.MIB, seed,
                        MachineConfig.DEFAULT_SWITCH_PROBABILITY, maxSteps, model);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        List<Command> first = new ArrayList<>();
        if (untilFailure) {
            first.add(new Command.Run(Long.MAX_VALUE));
        } else if (step != null && step > 0) {
            first.add(trace.isEmpty() ? new Command.Run(step) : new Command.GoTo(trace.subList(0, Math.min(step, trace.size()))));
        }
        if (cpu != null && (cpu < 0 || cpu >= config.vcpus())) {
            throw new UserError("--cpu " + cpu + ": the machine has vCPUs 0 to " + (config.vcpus() - 1));
        }
        if (instructions != null) {
            first.add(new Command.StepInstructions(cpu, instructions));
        }
        List<Breakpoint> breakpoints = new ArrayList<>();
        for (String b : breaks) {
            breakpoints.add(Breakpoint.parse(b, image).orElseThrow(() -> new UserError(
                    "--break '" + b + "' is not " + Breakpoint.FORMS + " in " + image.path().getFileName())));
        }
        List<MemoryWatch> memoryWatches = new ArrayList<>();
        for (String w : watchPa) {
            MemoryWatch m = MemoryWatch.parse("pa " + w);
            if (m == null) {
                throw new UserError("--watch-pa '" + w + "' is not 0xPA or 0xPA/SIZE with SIZE 1, 2, 4 or 8");
            }
            memoryWatches.add(m);
        }
        PrintWriter err = spec.commandLine().getErr();
        XDisplay display;
        try {
            display = XDisplay.ensure(Layout.WIDTH, Layout.HEIGHT);
        } catch (XDisplay.Unavailable e) {
            throw new UserError(e.getMessage());
        }
        try (display; DebugSession session = new DebugSession(image, config, trace, first)) {
            if (frame != null) {
                session.selectFrame(frame);
            }
            session.showRefcounts(refcounts);
            if (cpu != null) {
                session.select(cpu);
            }
            if (walk != null) {
                session.walk(walk);
            }
            session.breakpoints().addAll(breakpoints);
            for (MemoryWatch m : memoryWatches) {
                String why = session.addMemoryWatch(m);
                if (why != null) {
                    throw new UserError("--watch-pa: " + why);
                }
            }
            for (long pfn : watch) {
                session.watch(pfn, false);
            }
            session.start();
            var rate = GuiApp.run(session, new GuiOptions(screenshot, fps, seconds, projectRoot()), err);
            if (fps) {
                err.println("mmulab gui: " + rate);
            }
            return ExitCodes.OK;
        } catch (GuiApp.WindowUnavailable e) {
            throw new UserError(e.getMessage() + (display.ownServer() ? " (private Xvfb " + display.name() + ")" : ""));
        } catch (IOException e) {
            throw new UserError("gui: " + e.getMessage());
        }
    }

    private static Trace loadTrace(Path p) {
        try {
            return Trace.read(p);
        } catch (Trace.TraceFormatException e) {
            throw new UserError(e.getMessage());
        }
    }

    private ElfImage traceImage(Trace t) {
        Path path = imagePath != null ? imagePath : Paths.get(t.imagePath());
        ElfImage image;
        try {
            image = ElfImage.load(path);
        } catch (ImageFormatException e) {
            throw new UserError(target + ": its image: " + e.getMessage());
        }
        if (!image.sha256().equals(t.imageSha256())) {
            throw new UserError(target + " was recorded with another build of " + path + " (sha256 differs)");
        }
        if (image.arch() != t.config().arch()) {
            throw new UserError(target + " is for " + t.config().arch() + ", but " + path + " is " + image.arch());
        }
        return image;
    }

    /** Where guest sources live: -Dmmulab.root (set by ./mmulab), else the working directory. */
    private static Path projectRoot() {
        String root = System.getProperty("mmulab.root");
        return Paths.get(root != null ? root : ".").toAbsolutePath();
    }

    /** A page frame number as kernel developers write them: 0x hex, or decimal. */
    /** A 64-bit virtual address in hex (0x optional), kernel addresses included. */
    static final class AddressConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String v) {
            try {
                return Long.parseUnsignedLong(v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v, 16);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("not a hex virtual address: '" + v + "'");
            }
        }
    }

    static final class PfnConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String v) {
            try {
                long pfn = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
                if (pfn < 0) {
                    throw new NumberFormatException();
                }
                return pfn;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("not a page frame number: '" + v + "'");
            }
        }
    }
}
