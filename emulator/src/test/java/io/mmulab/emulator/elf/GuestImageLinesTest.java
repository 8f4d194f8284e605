package io.mmulab.emulator.elf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cross-checks the line tables of the real guest images against binutils' addr2line: file base
 * name and line must agree exactly. Skipped when the images have not been built
 * ({@code ./mmulab images}) or addr2line is missing. The images are found through
 * {@code -Dmmulab.images}, {@code $MMULAB_IMAGES}, or {@code guest-images/target/images} under
 * {@code -Dmmulab.root}, as the image catalog does.
 */
class GuestImageLinesTest {
    private static final int ADDRESSES_PER_IMAGE = 400;

    private static Optional<Path> imagesDir() {
        String prop = System.getProperty("mmulab.images");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop));
        }
        String env = System.getenv("MMULAB_IMAGES");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        String root = System.getProperty("mmulab.root");
        if (root != null && !root.isBlank()) {
            return Optional.of(Path.of(root, "guest-images", "target", "images"));
        }
        return Optional.empty();
    }

    private static List<Path> images() throws IOException {
        Optional<Path> dir = imagesDir();
        assumeTrue(dir.isPresent() && Files.isDirectory(dir.get()), "no guest images (run ./mmulab images)");
        List<Path> out = new ArrayList<>();
        for (String arch : List.of("x86_64", "arm64")) {
            Path d = dir.get().resolve(arch);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".elf")).sorted().forEach(out::add);
                }
            }
        }
        assumeTrue(!out.isEmpty(), "no guest images in " + dir.get());
        return out;
    }

    /** Function starts, then seeded random addresses inside functions. */
    private static List<Long> addresses(ElfImage img) {
        List<ElfSymbol> functions = img.symbols().all().stream()
                .filter(s -> s.function() && s.size() > 0 && img.physicalAddressOf(s.address()).isPresent())
                .toList();
        List<Long> out = new ArrayList<>();
        for (ElfSymbol s : functions) {
            if (out.size() < ADDRESSES_PER_IMAGE / 2) {
                out.add(s.address());
            }
        }
        Random r = new Random(img.sha256().hashCode());
        while (out.size() < ADDRESSES_PER_IMAGE && !functions.isEmpty()) {
            ElfSymbol s = functions.get(r.nextInt(functions.size()));
            out.add(s.address() + r.nextLong(s.size()));
        }
        return out;
    }

    private static String baseName(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    @Test
    void agreesWithAddr2line() throws Exception {
        List<Path> images = images();
        assumeTrue(Tools.onPath("addr2line"), "addr2line is not on the PATH");
        int compared = 0;
        for (Path image : images) {
            ElfImage img = ElfImage.load(image);
            LineTable lines = img.sourceLines();
            assertTrue(lines.warning().isEmpty(), () -> lines.warning().orElseThrow());
            assertTrue(lines.rowCount() > 0, image.toString());
            List<Long> addrs = addresses(img);
            List<String> cmd = new ArrayList<>(List.of("addr2line", "-e", image.toString()));
            addrs.forEach(a -> cmd.add("0x" + Long.toHexString(a)));
            String[] ref = Tools.run(image.getParent(), cmd).split("\n");
            assertEquals(addrs.size(), ref.length, image.toString());
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < ref.length; i++) {
                String r = ref[i].replaceFirst(" \\(discriminator \\d+\\)$", "");
                int colon = r.lastIndexOf(':');
                String refFile = r.substring(0, colon);
                String refLine = r.substring(colon + 1);
                Optional<SourceLine> mine = lines.lookup(addrs.get(i));
                // "??:0" (nothing known) and "file.c:?" (a unit covers it but no row does): no line
                boolean refKnown = !refFile.equals("??") && !refLine.equals("?");
                String want = refKnown ? baseName(refFile) + ":" + refLine : "(none)";
                String got = mine.map(l -> l.baseName() + ":" + l.line()).orElse("(none)");
                if (!want.equals(got)) {
                    mismatches.add("0x" + Long.toHexString(addrs.get(i)) + ": addr2line " + ref[i] + ", ours " + got);
                }
                compared++;
            }
            assertTrue(mismatches.isEmpty(), image + ": " + mismatches.size() + " mismatches, e.g. "
                    + mismatches.subList(0, Math.min(10, mismatches.size())));
        }
        assertTrue(compared >= ADDRESSES_PER_IMAGE, "compared " + compared);
    }
}
