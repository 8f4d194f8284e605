package io.mmulab.images;

import io.mmulab.emulator.Arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The images the build produced, laid out as {@code DIR/ARCH/NAME.elf}.
 * The directory is {@code -Dmmulab.images}, else {@code $MMULAB_IMAGES}, else
 * {@code guest-images/target/images} under {@code -Dmmulab.root} or the nearest enclosing
 * checkout of the current directory.
 */
public final class ImageCatalog {
    private static final String SUFFIX = ".elf";
    private final Path dir;

    public ImageCatalog(Path dir) {
        this.dir = dir;
    }

    public static ImageCatalog locate() {
        String prop = System.getProperty("mmulab.images");
        if (prop != null && !prop.isBlank()) {
            return new ImageCatalog(Paths.get(prop));
        }
        String env = System.getenv("MMULAB_IMAGES");
        if (env != null && !env.isBlank()) {
            return new ImageCatalog(Paths.get(env));
        }
        String root = System.getProperty("mmulab.root");
        if (root != null && !root.isBlank()) {
            return new ImageCatalog(Paths.get(root, "guest-images", "target", "images"));
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("guest-images").resolve("target").resolve("images");
            if (Files.isDirectory(candidate)) {
                return new ImageCatalog(candidate);
            }
        }
        return new ImageCatalog(Paths.get("guest-images", "target", "images").toAbsolutePath());
    }

    public Path dir() {
        return dir;
    }

    /** Every built image, by name then arch. */
    public List<GuestImage> list() {
        List<GuestImage> out = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            Path archDir = dir.resolve(arch.displayName());
            if (!Files.isDirectory(archDir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(archDir)) {
                files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                        .forEach(f -> {
                            String file = f.getFileName().toString();
                            out.add(new GuestImage(file.substring(0, file.length() - SUFFIX.length()), arch, f));
                        });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + archDir, e);
            }
        }
        out.sort(Comparator.comparing(GuestImage::name).thenComparing(GuestImage::arch));
        return out;
    }

    public GuestImage find(String name, Arch arch) throws UnknownImageException {
        List<GuestImage> all = list();
        for (GuestImage g : all) {
            if (g.name().equals(name) && g.arch() == arch) {
                return g;
            }
        }
        TreeSet<String> names = new TreeSet<>();
        all.forEach(g -> names.add(g.name()));
        if (all.isEmpty()) {
            throw new UnknownImageException("unknown image '" + name + "': no images are built in " + dir
                    + " (./mmulab builds them)");
        }
        if (names.contains(name)) {
            throw new UnknownImageException("image '" + name + "' is not built for " + arch);
        }
        throw new UnknownImageException("unknown image '" + name + "' (known: " + String.join(", ", names) + ")");
    }
}
