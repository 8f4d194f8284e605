package io.mmulab.gui.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An X display to open the window on: $DISPLAY when set, otherwise a private Xvfb that this
 * process starts (on a display number Xvfb picks itself, so parallel runs never collide) and
 * stops again. GLFW reads DISPLAY from the C environment, which Java cannot change, so the
 * variable is set through libc's setenv.
 */
public final class XDisplay implements AutoCloseable {
    /** No display can be had: the one line says why. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final Process xvfb;
    private final String name;

    private XDisplay(Process xvfb, String name) {
        this.xvfb = xvfb;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Whether this process started the X server (headless). */
    public boolean ownServer() {
        return xvfb != null;
    }

    public static XDisplay ensure(int width, int height) throws Unavailable {
        String display = System.getenv("DISPLAY");
        if (display != null && !display.isBlank()) {
            return new XDisplay(null, display);
        }
        Path server = onPath("Xvfb");
        if (server == null) {
            throw new Unavailable("no display: DISPLAY is unset and Xvfb is not installed"
                    + " (scripts/bootstrap installs it; or apt-get install xvfb libgl1-mesa-dri)");
        }
        Process p;
        try {
            p = new ProcessBuilder(server.toString(), "-displayfd", "1", "-screen", "0",
                    (width + 64) + "x" + (height + 64) + "x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new Unavailable("no display: cannot start " + server + ": " + e.getMessage());
        }
        String number;
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            number = CompletableFuture.supplyAsync(() -> {
                try {
                    return r.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            number = null;
        }
        if (number == null || !number.strip().matches("\\d+")) {
            p.destroy();
            throw new Unavailable("no display: DISPLAY is unset and Xvfb did not start"
                    + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")"));
        }
        String name = ":" + number.strip();
        setenv("DISPLAY", name);
        return new XDisplay(p, name);
    }

    private static Path onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void setenv(String key, String value) throws Unavailable {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment k = a.allocateFrom(key);
            MemorySegment v = a.allocateFrom(value);
            int rc = (int) setenv.invokeExact(k, v, 1);
            if (rc != 0) {
                throw new Unavailable("cannot set " + key + " for the private Xvfb");
            }
        } catch (Unavailable e) {
            throw e;
        } catch (Throwable t) {
            throw new Unavailable("cannot set " + key + " for the private Xvfb: " + t);
        }
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
            try {
                xvfb.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
