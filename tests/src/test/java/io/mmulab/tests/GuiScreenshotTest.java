package io.mmulab.tests;

import io.mmulab.gui.app.Layout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mmulab gui TRACE --until-failure --screenshot}: the debugger renders headless (its own
 * Xvfb, Mesa's software GL) on a failing lost-update trace, and the PNG shows every window at
 * its place, identified by the colour of its title bar, with the failure reported.
 */
class GuiScreenshotTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "arm64"})
    void screenshotOfAFailingTraceShowsEveryWindow(String arch) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/Xvfb")), "Xvfb is not installed (scripts/bootstrap installs it)");
        Path traces = tmp.resolve("traces");
        Cli run = Cli.run("run", "lost-update", "--arch", arch, "--vcpus", "2", "--runs", "1000",
                "--trace-dir", traces.toString());
        assertEquals(64, run.exit(), run.err());
        Path trace;
        try (Stream<Path> s = Files.list(traces)) {
            trace = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Path png = tmp.resolve("gui-" + arch + ".png");
        // Select and watch the frame holding start_kernel: a reserved page of the kernel image.
        io.mmulab.emulator.elf.ElfImage image = Images.load("lost-update", io.mmulab.emulator.Arch.parse(arch));
        long textPfn = image.physicalAddressOf(image.symbols().byName("start_kernel").orElseThrow().address())
                .orElseThrow() >>> 12;
        String pfn = "0x" + Long.toHexString(textPfn);
        Result r = gui(trace.toString(), "--until-failure", "--frame", pfn, "--watch", pfn, "--screenshot", png.toString());
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("screenshot"), r.output);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Layout.WIDTH, img.getWidth());
        assertEquals(Layout.HEIGHT, img.getHeight());
        assertTrue(distinctColours(img) > 50, "the screenshot is (nearly) blank");
        for (Layout.Slot slot : Layout.ALL) {
            int px = img.getRGB(slot.probeX(), slot.probeY()) & 0xffffff;
            assertTrue(close(px, slot.titleRgb()), String.format("the %s window's title bar at (%d,%d) is #%06x, not #%06x",
                    slot.title(), slot.probeX(), slot.probeY(), px, slot.titleRgb()));
        }
        // The failure panel reports CHECK_FAILED in red text.
        Layout.Slot f = Layout.FAILURE;
        assertTrue(countNear(img, f.x(), f.y() + 20, f.width(), 20, 0xff5050) > 20, "no red failure report in the Failure window");
        // The Struct pages window decoded the selected frame's struct page (its line is drawn in its own colour).
        Layout.Slot sp = Layout.STRUCT_PAGES;
        assertTrue(countNear(img, sp.x(), sp.y() + 20, sp.width(), sp.height() - 20, 0x70d8ff) > 20,
                "no decoded struct page in the Struct pages window");
    }

    /**
     * The HVO race as a user looks at it: on the noflush trace's failure, the TLB window marks
     * the reader's stale vmemmap entries, the page-table window shows the walk of the faulting
     * struct page address (onto the aliased frame), and the memory map calls that frame aliased.
     */
    @org.junit.jupiter.api.Test
    void pagecacheHvoShowsTheAliasAndTheStaleEntries() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/Xvfb")), "Xvfb is not installed (scripts/bootstrap installs it)");
        Path traces = tmp.resolve("traces");
        Cli run = Cli.run("run", "pagecache-hvo", "--variant", "noflush", "--arch", "arm64", "--vcpus", "2",
                "--runs", "2000", "--trace-dir", traces.toString());
        assertEquals(64, run.exit(), run.err());
        var m = java.util.regex.Pattern.compile("STALE_TLB_UAF.* at va (0x[0-9a-f]+) .*now say (0x[0-9a-f]+)")
                .matcher(run.err());
        assertTrue(m.find(), run.err());
        String va = m.group(1);
        long alias = Long.parseLong(m.group(2).substring(2), 16) >>> 12;
        Path trace;
        try (Stream<Path> s = Files.list(traces)) {
            trace = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Path png = tmp.resolve("hvo.png");
        Result r = gui(trace.toString(), "--until-failure", "--frame", "0x" + Long.toHexString(alias), "--walk", va,
                "--screenshot", png.toString());
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("STALE_TLB_UAF"), r.output);
        BufferedImage img = ImageIO.read(png.toFile());
        Layout.Slot tlb = Layout.TLBS;
        assertTrue(countNear(img, tlb.x(), tlb.y() + 20, tlb.width(), tlb.height() - 20, 0xff5050) > 50,
                "no stale entry marked in the TLB window");
        Layout.Slot pt = Layout.PAGE_TABLES;
        assertTrue(countNear(img, pt.x(), pt.y() + 20, pt.width(), pt.height() - 20, 0x60d0ff) > 50,
                "no walked entries marked in the Page tables window");
        Layout.Slot mem = Layout.MEMORY;
        assertTrue(countNear(img, mem.x(), mem.y() + mem.height() - 140, mem.width(), 140, 0xff5050) > 20,
                "the Physical memory window does not call the frame aliased");
    }

    @org.junit.jupiter.api.Test
    void badInputIsOneLineAndExit2() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{ not a trace");
        Result r = gui(bad.toString(), "--screenshot", tmp.resolve("x.png").toString());
        assertEquals(2, r.exit, r.output);
        assertEquals(1, r.output.strip().lines().filter(l -> l.startsWith("mmulab:")).count(), r.output);
        Result unknown = gui("no-such-image", "--screenshot", tmp.resolve("y.png").toString());
        assertEquals(2, unknown.exit, unknown.output);
        String png = tmp.resolve("z.png").toString();
        for (String[] wrong : List.of(
                new String[] {"--break", "no_such_function"},
                new String[] {"--break", "no-such-file.c:12"},
                new String[] {"--instructions", "3"},
                new String[] {"--cpu", "5"},
                new String[] {"--watch-pa", "0x1000/3"},
                new String[] {"--walk", "0xnothex"})) {
            List<String> args = new ArrayList<>(List.of("lost-update", "--arch", "arm64", "--screenshot", png));
            args.addAll(List.of(wrong));
            Result r2 = gui(args.toArray(String[]::new));
            assertEquals(2, r2.exit, String.join(" ", wrong) + ": " + r2.output);
            assertEquals(1, r2.output.strip().lines().filter(l -> l.startsWith("mmulab:")).count(), r2.output);
            assertTrue(r2.output.contains(wrong[0]), "the message names the option: " + r2.output);
        }
    }

    private record Result(int exit, String output) {
    }

    /** The command line in a JVM of its own (GLFW and Xvfb stay out of the test JVM), without DISPLAY. */
    private Result gui(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dmmulab.root=" + Images.root(), "-cp", System.getProperty("java.class.path"), "io.mmulab.cli.Main", "gui"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        String images = System.getProperty("mmulab.images");
        if (images != null) {
            cmd.add(1, "-Dmmulab.images=" + images);
            pb.command(cmd);
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "mmulab gui did not exit");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean close(int rgb, int want) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >>> shift & 0xff) - (want >>> shift & 0xff)) > 3) {
                return false;
            }
        }
        return true;
    }

    private static int countNear(BufferedImage img, int x0, int y0, int w, int h, int rgb) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                n += close(img.getRGB(x, y) & 0xffffff, rgb) ? 1 : 0;
            }
        }
        return n;
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
