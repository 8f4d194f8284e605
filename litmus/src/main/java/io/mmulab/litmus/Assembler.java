// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assembles each thread with GNU binutils at run time ({@code as --64}, or
 * {@code aarch64-linux-gnu-as}; scripts/bootstrap installs both) and takes the machine code
 * from the object's {@code .text}. Assembler errors and warnings are reported against the
 * thread and the litmus line they come from.
 */
public final class Assembler {
    /** ARMv8.5-A: LSE atomics (v8.1), LDAPR (v8.3), and everything older. */
    private static final String ARM64_MARCH = "-march=armv8.5-a";
    private static final Pattern DIAGNOSTIC = Pattern.compile("^[^:]*\\.s:(\\d+): (Error|Warning): (.*)$");
    private static final long TIMEOUT_SECONDS = 30;

    private final Arch arch;
    private final List<String> command;

    private Assembler(Arch arch, List<String> command) {
        this.arch = arch;
        this.command = command;
    }

    /**
     * The assembler for {@code arch} found on the PATH.
     *
     * @throws LitmusException when it is not installed
     */
    public static Assembler find(Arch arch) throws LitmusException {
        String host = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        List<String> candidates = arch == Arch.X86_64
                ? (host.equals("amd64") || host.equals("x86_64") ? List.of("as", "x86_64-linux-gnu-as") : List.of("x86_64-linux-gnu-as"))
                : (host.equals("aarch64") || host.equals("arm64") ? List.of("as", "aarch64-linux-gnu-as") : List.of("aarch64-linux-gnu-as"));
        for (String c : candidates) {
            Path p = onPath(c);
            if (p != null) {
                List<String> cmd = new ArrayList<>();
                cmd.add(p.toString());
                cmd.add(arch == Arch.X86_64 ? "--64" : ARM64_MARCH);
                return new Assembler(arch, List.copyOf(cmd));
            }
        }
        throw new LitmusException(null, null, "no assembler for " + arch.displayName() + ": " + String.join(" or ", candidates)
                + " is not on the PATH (install " + (arch == Arch.X86_64 ? "binutils" : "binutils-aarch64-linux-gnu")
                + "; scripts/bootstrap does)");
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public Arch arch() {
        return arch;
    }

    /** Every thread's machine code, assembled for its place in {@code layout}. */
    public List<byte[]> assemble(LitmusTest test, Layout layout, List<SortedSet<Integer>> observedSlots) throws LitmusException {
        ThreadCodegen gen = ThreadCodegen.of(arch);
        Path dir;
        try {
            dir = Files.createTempDirectory("mmulab-litmus-as");
        } catch (IOException e) {
            throw new LitmusException(test.file(), null, "cannot create a temporary directory: " + e.getMessage());
        }
        try {
            List<byte[]> out = new ArrayList<>();
            for (int t = 0; t < test.threads().size(); t++) {
                ThreadSource src = gen.generate(test, t, layout, observedSlots.get(t));
                byte[] code = gen.link(assembleOne(test, t, src, dir), layout.codeVa(t), layout.doneVa());
                if (code.length > layout.codeBytes()) {
                    throw new UnsupportedLitmusException(test.file(), test.threads().get(t).isEmpty() ? null
                            : test.threads().get(t).get(0).pos(), "thread P" + t + " needs " + code.length
                            + " bytes of code (the runner has room for " + layout.codeBytes() + ")");
                }
                out.add(code);
            }
            return out;
        } finally {
            deleteTree(dir);
        }
    }

    private byte[] assembleOne(LitmusTest test, int thread, ThreadSource src, Path dir) throws LitmusException {
        Path in = dir.resolve("P" + thread + ".s");
        Path obj = dir.resolve("P" + thread + ".o");
        String stderr;
        int rc;
        try {
            Files.writeString(in, src.text(), StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(command);
            cmd.add("-o");
            cmd.add(obj.toString());
            cmd.add(in.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] msg = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LitmusException(test.file(), null, command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            rc = p.exitValue();
            stderr = new String(msg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LitmusException(test.file(), null, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LitmusException(test.file(), null, "interrupted while assembling");
        }
        diagnose(test, thread, src, stderr, rc);
        ObjectText text;
        try {
            text = ObjectText.read(Files.readAllBytes(obj));
        } catch (IOException | RuntimeException e) {
            throw new LitmusException(test.file(), null, "thread P" + thread + ": cannot read the assembler's output: "
                    + e.getMessage());
        }
        if (!text.unresolved().isEmpty()) {
            throw new AssemblyException(test.file(), firstLine(test, thread), "thread P" + thread + " refers to "
                    + String.join(", ", text.unresolved()) + ", which is neither a label of the thread nor a location");
        }
        return text.text();
    }

    /** The first error (or warning: it means the assembler guessed) against its litmus line. */
    private void diagnose(LitmusTest test, int thread, ThreadSource src, String output, int rc) throws LitmusException {
        for (String line : output.split("\n")) {
            Matcher m = DIAGNOSTIC.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            CodeLine origin = src.origin(Integer.parseInt(m.group(1)));
            String what = m.group(2).toLowerCase(Locale.ROOT) + ": " + m.group(3);
            if (origin == null) {
                throw new LitmusException(test.file(), null, "thread P" + thread + ": the runner's own code does not assemble ("
                        + what + "): a bug in mmulab");
            }
            throw new AssemblyException(test.file(), origin.pos(), "thread P" + thread + ": the assembler rejects '"
                    + origin.text() + "': " + what);
        }
        if (rc != 0) {
            throw new LitmusException(test.file(), null, "thread P" + thread + ": " + command.get(0) + " failed (exit "
                    + rc + "): " + output.strip());
        }
    }

    private static Pos firstLine(LitmusTest test, int thread) {
        List<CodeLine> lines = test.threads().get(thread);
        return lines.isEmpty() ? null : lines.get(0).pos();
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the test for
        }
    }
}
