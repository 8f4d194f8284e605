package io.mmulab.cli;

import io.mmulab.emulator.unicorn.UnicornUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;

/** The {@code mmulab} command. */
@Command(name = "mmulab", mixinStandardHelpOptions = true, version = "mmulab 0.1.0",
        description = "Full-system x86-64 / ARM64 MMU emulator for reproducing Linux memory-management races.",
        subcommands = {RunCommand.class, ReplayCommand.class, GuiCommand.class, LitmusCommand.class, ImagesCommand.class,
                DemoCommand.class, SuiteCommand.class, BenchCommand.class, MergeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: mmulab --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests too). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mmulab: " + ex.getMessage());
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError || ex instanceof UnicornUnavailableException) {
                err.println("mmulab: " + ex.getMessage());
                if (debug) {
                    ex.printStackTrace(err);
                }
                return ex instanceof UserError ? ExitCodes.USAGE : ExitCodes.INTERNAL;
            }
            err.println("mmulab: internal error: " + ex + (debug ? "" : " (--debug shows the stack trace)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        });
        return cl.execute(args);
    }
}
