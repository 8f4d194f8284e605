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

    /**
     * The inline chain of every sampled address against {@code addr2line -a -f -i}: the same
     * functions, innermost first, at the same file base names and lines.
     */
    @Test
    void inlinedFramesAgreeWithAddr2line() throws Exception {
        List<Path> images = images().stream()
                .filter(p -> p.getFileName().toString().matches("(refcount-underflow|abba-deadlock|lost-update)\\.elf"))
                .toList();
        assumeTrue(!images.isEmpty(), "no refcount-underflow/abba-deadlock/lost-update images");
        assumeTrue(Tools.onPath("addr2line"), "addr2line is not on the PATH");
        int inlined = 0;
        for (Path image : images) {
            ElfImage img = ElfImage.load(image);
            InlineTable t = img.inlining();
            assertTrue(t.warning().isEmpty(), () -> t.warning().orElseThrow());
            List<Long> addrs = addresses(img);
            List<String> cmd = new ArrayList<>(List.of("addr2line", "-a", "-f", "-i", "-e", image.toString()));
            addrs.forEach(a -> cmd.add("0x" + Long.toHexString(a)));
            List<List<String>> ref = new ArrayList<>();
            String[] out = Tools.run(image.getParent(), cmd).split("\n");
            for (int i = 0; i < out.length; i++) {
                if (out[i].startsWith("0x")) {
                    ref.add(new ArrayList<>());
                } else {
                    String fn = out[i];
                    String where = out[++i].replaceFirst(" \\(discriminator \\d+\\)$", "");
                    ref.getLast().add(fn + " " + baseName(where));
                }
            }
            assertEquals(addrs.size(), ref.size(), image.toString());
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < addrs.size(); i++) {
                List<String> ours = t.frames(addrs.get(i), img.sourceLines()).stream()
                        .map(f -> f.function() + " " + baseName(f.line())).toList();
                if (ours.isEmpty()) {
                    // no DWARF function covers it (assembly, or a function gcc described only
                    // abstractly): addr2line falls back to the symbol table, so do we
                    long a = addrs.get(i);
                    ours = img.symbols().at(a).map(sym -> List.of(sym.name() + " "
                            + baseName(img.sourceLines().describe(a)))).orElse(List.of());
                }
                inlined += ours.size() > 1 ? 1 : 0;
                if (!ours.equals(ref.get(i))) {
                    mismatches.add("0x" + Long.toHexString(addrs.get(i)) + ": addr2line " + ref.get(i) + ", ours " + ours);
                }
            }
            assertTrue(mismatches.isEmpty(), image + ": " + mismatches.size() + " mismatches, e.g. "
                    + mismatches.subList(0, Math.min(5, mismatches.size())));
        }
        assertTrue(inlined > 20, "only " + inlined + " addresses were inside inlined functions");
    }
}
