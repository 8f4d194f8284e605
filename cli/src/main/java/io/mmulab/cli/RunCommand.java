package io.mmulab.cli;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.mmu.model.ModelKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code mmulab run}: boot one image and print its console. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Boot a guest image and print its console; exit with the guest's done() status.",
                "Exit codes: 0-63 the guest's status, 2 bad input, 64 guest failure (BUG, fault, hang,"
                        + " budget), 70 internal error."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME|PATH",
            description = "An image name from 'mmulab images', or the path of an ELF image.")
    String target;

    @Option(names = "--arch", converter = ArchConverter.class, paramLabel = "x86_64|arm64",
            description = "Architecture of a named image (default x86_64); must match a PATH's ELF.")
    Arch arch;

    @Option(names = "--vcpus", defaultValue = "4", paramLabel = "N", description = "vCPUs, 1 to 8 (default ${DEFAULT-VALUE}).")
    int vcpus;

    @Option(names = "--mem", defaultValue = "128", paramLabel = "MIB",
            description = "Physical memory in MiB (default ${DEFAULT-VALUE}).")
    long memMib;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Scheduler seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", converter = ModelConverter.class, paramLabel = "sc|tso|arm",
            description = "Memory model (default: tso on x86_64, arm on arm64).")
    ModelKind model;

    @Option(names = "--dump", description = "After the run, print each vCPU's state, store buffer and stale TLB entries.")
    boolean dump;

    @Option(names = "--max-steps", defaultValue = "20000000", paramLabel = "N",
            description = "Step budget: shared accesses, barriers, spin hints (default ${DEFAULT-VALUE}).")
    long maxSteps;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ElfImage image = ImageResolver.resolve(target, arch);
        MachineConfig config;
        try {
            config = new MachineConfig(image.arch(), vcpus, memMib * MachineConfig.MIB, seed,
                    MachineConfig.DEFAULT_SWITCH_PROBABILITY, maxSteps, model);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Machine.RunSummary r = GuestRunner.run(image, config, spec.commandLine().getOut(), dump);
        Outcome o = r.outcome();
        var err = spec.commandLine().getErr();
        if (o.failed()) {
            err.println("mmulab: " + o.kind() + ": " + o.message());
        } else {
            err.printf("mmulab: %s (%s, %d vCPUs, %s, seed %d): done(%d) after %d steps, %d switches%n",
                    image.path().getFileName(), image.arch(), vcpus, config.model().displayName(), seed, o.status(),
                    r.steps(), r.switches());
        }
        err.flush();
        return GuestRunner.exitCode(o);
    }
}
