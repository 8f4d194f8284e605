package io.mmulab.cli;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mmulab demo}: the main job. Boots {@code hello} on both architectures with four vCPUs
 * each, then runs the default suite: every race found (with its trace and race diagram written
 * under {@code --out}), every fixed variant clean within its bounds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Boot hello on x86_64 and arm64 (4 vCPUs each), then run the default suite: each race found"
                + " with a trace and a race diagram, each fixed variant clean.",
            "Exit codes: 0 everything as expected, 1 an expectation did not hold, 2 bad input."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Scheduler seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "mmulab-demo", paramLabel = "DIR",
            description = "Where the traces and race diagrams go (default ${DEFAULT-VALUE}).")
    java.nio.file.Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        boolean ok = true;
        for (Arch arch : Arch.values()) {
            ElfImage image = ImageResolver.resolve("hello", arch);
            MachineConfig config = MachineConfig.defaults(arch, 4, seed);
            out.printf("== hello on %s, 4 vCPUs, seed %d ==%n", arch, seed);
            out.flush();
            long t0 = System.nanoTime();
            Machine.RunSummary r = GuestRunner.run(image, config, spec.commandLine().getOut());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Outcome o = r.outcome();
            long greetings = r.console().lines().filter(l -> l.startsWith("hello from cpu")).count();
            boolean pass = !o.failed() && o.status() == 0 && greetings == 4;
            ok &= pass;
            rows.add(new String[] {"hello", arch.displayName(), o.failed() ? o.kind().name() : "done(" + o.status() + ")",
                    Long.toString(greetings), Long.toString(r.steps()), ms + " ms", pass ? "ok" : "FAIL"});
            if (o.failed()) {
                out.println("  " + o.message());
            }
        }
        out.println();
        out.printf("%-8s %-7s %-14s %-9s %-10s %-9s %s%n", "IMAGE", "ARCH", "RESULT", "GREETINGS", "STEPS", "TIME", "");
        for (String[] r : rows) {
            out.printf("%-8s %-7s %-14s %-9s %-10s %-9s %s%n", (Object[]) r);
        }
        out.println();
        out.println("== the default suite: races found, fixes clean ==");
        out.flush();
        Suite suite = SuiteCommand.defaultSuite();
        List<SuiteRunner.Result> results = SuiteCommand.run(suite, this.out, out);
        ok &= results.stream().allMatch(SuiteRunner.Result::passed);
        return ok ? ExitCodes.OK : 1;
    }
}
