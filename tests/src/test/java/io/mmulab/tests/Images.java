package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.images.ImageCatalog;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The images the build produced (the Maven reactor builds guest-images before these tests). */
final class Images {
    private Images() {
    }

    static Path path(String name, Arch arch) {
        try {
            return ImageCatalog.locate().find(name, arch).path();
        } catch (Exception e) {
            throw new AssertionError("image " + name + " for " + arch + " is not built: " + e.getMessage(), e);
        }
    }

    static ElfImage load(String name, Arch arch) {
        try {
            return ElfImage.load(path(name, arch));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The repository root (surefire passes it; fall back to the parent of the module directory). */
    static Path root() {
        String r = System.getProperty("mmulab.root");
        return r != null ? Paths.get(r) : Paths.get("").toAbsolutePath().getParent();
    }
}
